import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../index.js";
import { CHINESE_NUMERAL_CHARS, DIGITS, parseChineseNumeral, parseNumber, SMALL_UNITS } from "./chinese-numerals.js";
import { normalizeLine } from "./normalize.js";
import { parseMarker } from "./numbering.js";

const marker = (line: string) => {
  const m = parseMarker(normalizeLine(line));
  return m && { level: m.level, no: m.no, rest: m.rest };
};

describe("parseMarker", () => {
  it("reads 一、 as a level-1 heading", () => {
    expect(marker("一、坚持党建引领")).toEqual({ level: "l1", no: "一", rest: "坚持党建引领" });
  });
  it("reads （一） as a level-2 heading", () => {
    expect(marker("（一）强化政治建设")).toEqual({ level: "l2", no: "一", rest: "强化政治建设" });
  });
  it("reads Arabic task numbers with . 、 ．", () => {
    expect(marker("1.深化理论学习。")).toMatchObject({ level: "arabic", no: "1", rest: "深化理论学习。" });
    expect(marker("12、推进工作")).toMatchObject({ level: "arabic", no: "12" });
    expect(marker("5．加强建设")).toMatchObject({ level: "arabic", no: "5" });
  });
  it("reads the malformed 27构建… with no separator as task 27", () => {
    expect(marker("27构建教师资源配置新机制。")).toMatchObject({
      level: "arabic",
      no: "27",
      rest: "构建教师资源配置新机制。",
    });
  });
  it("reads （1） as a sub-item and ① as circled", () => {
    expect(marker("（1）建设实践基地3个；")).toMatchObject({ level: "l4", no: "1" });
    expect(parseMarker("①开展培训")).toMatchObject({ level: "circled", no: "①" });
  });
  it("reads 一是 as an ordinal clause", () => {
    expect(marker("一是深化产教融合。")).toMatchObject({ level: "ordinal", no: "一" });
  });
  it.each(["2024年全县教育工作要点", "30所学校完成改造", "1.5万人次参加培训", "2025年6月底前完成", "100%达标"])(
    "does not read %j as numbered",
    (line) => {
      expect(marker(line)).toBeNull();
    },
  );
});

describe("numbering in a parsed plan", () => {
  it("keeps ①② sub-items inside their task (NFKC must not turn ① into task 1)", () => {
    const doc = parsePlan(
      "2025年全县教育工作要点\n一、总体要求\n1.推进工作。开展培训：\n①开展教师培训；\n②开展校长培训。\n2.加强管理。",
    );
    expect(doc.plans[0]?.tasks.map((t) => [t.no, t.title])).toEqual([
      ["1", "推进工作"],
      ["2", "加强管理"],
    ]);
  });
});

const QUANTITY_NEXT =
  /^(?:年|月|日|号|所|个|项|名|人|次|万|亿|千|百|元|家|场|届|周|天|小时|分|级|条|批|期|套|台|件|节|篇|处|倍|米|公里|平方|多|余|类|支|间|座|门|本|册|部|种|岁|课时|学时|班|组|户|张|块|亩|吨|辆|位|轮|份|大|点|%|\s*[-—~至到])/;

/**
 * parseMarker before it picked its patterns by the first character: every pattern, in order of precedence (its
 * rest any text, line breaks included, as a paragraph with a soft break holds).
 */
function parseMarkerByAllPatterns(line: string) {
  const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
  const rules: Array<[string, RegExp, (m: RegExpExecArray) => boolean, number, number]> = [
    ["part", new RegExp(`^第(${CN})(?:部分|章|篇)\\s*(.*)$`, "s"), () => true, 1, 2],
    ["l2", new RegExp(`^\\((${CN})\\)\\s*(.*)$`, "s"), () => true, 1, 2],
    ["l4", /^\(?(\d{1,2})\)\s*(.*)$/s, () => true, 1, 2],
    ["circled", /^([\u2460-\u2473])\s*(.*)$/s, () => true, 1, 2],
    ["ordinal", new RegExp(`^(${CN})是(.*)$`, "s"), (m) => m[1]!.length <= 3, 1, 2],
    ["l1", new RegExp(`^(${CN})\\s*[、.．,]\\s*(.*)$`, "s"), (m) => m[1]!.length <= 3, 1, 2],
    [
      "arabic",
      /^(\d{1,3})(\s*[.、．](?!\d)\s*|\s+(?=[^\d\s])|(?=[\u4e00-\u9fff“"《]))(.*)$/s,
      (m) => /[.、．]/.test(m[2]!) || !QUANTITY_NEXT.test(m[3]!),
      1,
      3,
    ],
  ];
  for (const [level, re, ok, no, rest] of rules) {
    const m = re.exec(line);
    if (!m || !ok(m)) continue;
    if (level === "circled") return { level, no: m[1], value: m[1]!.charCodeAt(0) - 0x245f, rest: m[2]!.trim() };
    const value = parseNumber(m[no]!);
    return value === null ? null : { level, no: m[no], value, rest: m[rest]!.trim() };
  }
  return null;
}

describe("parseMarker by first character", () => {
  it("reads a line as trying every pattern in order does", () => {
    const chars = fc.constantFrom(..."第()（）12 9.、．,是一二十百两零部分章篇①⑳年月所个人-至学校\u2028");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (cs) => {
        const line = cs.join("");
        expect(parseMarker(line)).toEqual(parseMarkerByAllPatterns(line));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("parseChineseNumeral by code unit", () => {
  /** The reading by code point, before. */
  function byCodePoint(text: string): number | null {
    if (!text) return null;
    let total = 0;
    let digit: number | null = null;
    for (const ch of text) {
      if (DIGITS[ch] !== undefined) {
        digit = DIGITS[ch]!;
        continue;
      }
      if (SMALL_UNITS[ch] === undefined) return null;
      total += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = null;
    }
    return total + (digit ?? 0);
  }
  it("reads numerals as reading by code point does", () => {
    const chars = fc.constantFrom(..."零〇一壹二两贰三叁四肆十拾百佰千仟a5", "\u{1F600}", "\ud83d");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }), (cs) => {
        const text = cs.join("");
        expect(parseChineseNumeral(text)).toBe(byCodePoint(text));
      }),
      { numRuns: 3000 },
    );
  });
});
