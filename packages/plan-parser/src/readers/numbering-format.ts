const DIGITS = "零一二三四五六七八九";
const LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
const FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

/** 1 → 一, 10 → 十, 15 → 十五, 105 → 一百零五, 2024 → 二千零二十四. */
export function chineseNumber(n: number, digits = DIGITS, units = ["", "十", "百", "千"]): string {
  if (n <= 0 || !Number.isInteger(n) || n >= 100000000) return String(n);
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    const lowText = low === 0 ? "" : (low < 1000 ? digits.charAt(0) : "") + chineseNumber(low, digits, units);
    return `${chineseNumber(high, digits, units)}万${lowText}`;
  }
  let out = "";
  let pendingZero = false;
  for (let u = 3; u >= 0; u--) {
    const d = Math.floor(n / 10 ** u) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += digits.charAt(0);
    pendingZero = false;
    // 十五, not 一十五, at the start of a number
    out += (d === 1 && u === 1 && out === "" ? "" : digits.charAt(d)) + (units[u] ?? "");
  }
  return out;
}

function fromSequence(n: number, chars: string): string {
  const list = Array.from(chars);
  return n >= 1 && n <= list.length ? list[n - 1]! : String(n);
}

function letters(n: number): string {
  if (n < 1) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n < 1 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let rest = n;
  let out = "";
  for (const [value, text] of table) {
    while (rest >= value) {
      out += text;
      rest -= value;
    }
  }
  return out;
}

/** Renders a list counter in a Word `w:numFmt` format, as Word prints it. */
export function formatCounter(n: number, numFmt: string): string {
  switch (numFmt) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "koreanCounting":
      return chineseNumber(n);
    case "ideographDigital":
    case "taiwaneseDigital":
      return Array.from(String(n), (d) => "〇一二三四五六七八九"[Number(d)]).join("");
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
      return chineseNumber(n, LEGAL_DIGITS, ["", "拾", "佰", "仟"]);
    case "ideographTraditional":
      return fromSequence(n, HEAVENLY_STEMS);
    case "ideographZodiac":
      return fromSequence(n, EARTHLY_BRANCHES);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return fromSequence(n, CIRCLED);
    case "decimalEnclosedParen":
      return fromSequence(n, PAREN);
    case "decimalEnclosedFullstop":
      return fromSequence(n, FULLSTOP);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "lowerLetter":
      return letters(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "none":
      return "";
    default:
      return String(n);
  }
}
