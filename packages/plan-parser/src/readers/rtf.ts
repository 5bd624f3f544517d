import iconv from "iconv-lite";
import type { Block } from "../model.js";
import { cellText } from "./text-utils.js";

/** Destinations whose text is not body text (tables of fonts, styles, pictures, headers, fields' codes…). */
const SKIPPED = new Set([
  "annotation",
  "atnauthor",
  "atndate",
  "atnid",
  "author",
  "buptim",
  "colortbl",
  "comment",
  "creatim",
  "doccomm",
  "docvar",
  "fldinst",
  "filetbl",
  "footer",
  "footerf",
  "footerl",
  "footerr",
  "footnote",
  "ftncn",
  "ftnsep",
  "ftnsepc",
  "aftncn",
  "aftnsep",
  "aftnsepc",
  "header",
  "headerf",
  "headerl",
  "headerr",
  "info",
  "keywords",
  "listoverridetable",
  "listtable",
  "nonshppict",
  "object",
  "operator",
  "pgdsctbl",
  "pict",
  "printim",
  "private",
  "revtbl",
  "revtim",
  "rsidtbl",
  "shp",
  "shpinst",
  "stylesheet",
  "subject",
  "template",
  "title",
  "txe",
  "xe",
  "tc",
]);

/** Control words that stand for a character. */
const SYMBOLS: Record<string, string> = {
  emdash: "\u2014",
  endash: "\u2013",
  lquote: "\u2018",
  rquote: "\u2019",
  ldblquote: "\u201c",
  rdblquote: "\u201d",
  bullet: "\u2022",
  emspace: " ",
  enspace: " ",
  qmspace: " ",
  tab: " ",
};

/** Windows character sets (\fcharsetN) and the code pages their bytes are in. */
const CHARSET_CODEPAGE: Record<number, string> = {
  128: "shift_jis",
  129: "cp949",
  134: "gbk",
  136: "big5",
  161: "cp1253",
  162: "cp1254",
  177: "cp1255",
  178: "cp1256",
  186: "cp1257",
  204: "cp1251",
  222: "cp874",
  238: "cp1250",
};

function codepageName(n: number): string {
  if (n === 936) return "gbk";
  if (n === 950) return "big5";
  if (n === 932) return "shift_jis";
  return iconv.encodingExists(`cp${n}`) ? `cp${n}` : "cp1252";
}

interface GroupState {
  skip: boolean;
  /** Characters to drop after a \uN (its fallback for readers without Unicode). */
  uc: number;
  /** The code page of \'hh bytes in the current font. */
  codepage: string | undefined;
  fontTable: boolean;
  /** The paragraph is in a table cell (\intbl until \pard): its \par joins the cell's text. */
  inTable: boolean;
}

/** Reads RTF text into paragraphs and table rows: a small interpreter of the control words that carry text. */
class RtfReader {
  readonly blocks: Block[] = [];
  private stack: GroupState[] = [];
  private state: GroupState = {
    skip: false,
    uc: 1,
    codepage: undefined,
    fontTable: false,
    inTable: false,
  };
  private ansiCodepage = "cp1252";
  private readonly fontCodepages = new Map<number, string | undefined>();
  private currentFont = -1;
  private bytes: number[] = [];
  private line = "";
  private cells: string[] = [];
  private cellParts: string[] = [];
  private tables = 0;
  private lastWasRow = false;
  private toSkip = 0;
  /** Per cell of the row being defined: whether \clvmrg merges it with the cell above. */
  private mergedAbove: boolean[] = [];
  private pendingMerge = false;
  private above: string[] = [];
  /** The \* that makes the next control word an optional destination. */
  private starred = false;

  constructor(private readonly src: string) {}

  private emit(text: string): void {
    if (this.state.skip) return;
    this.flushBytes();
    this.line += text;
  }

  private flushBytes(): void {
    if (this.bytes.length === 0) return;
    const bytes = Buffer.from(this.bytes);
    this.bytes = [];
    if (!this.state.skip) this.line += iconv.decode(bytes, this.state.codepage ?? this.ansiCodepage);
  }

  private byte(b: number): void {
    if (this.toSkip > 0) {
      this.toSkip--;
      return;
    }
    if (!this.state.skip) this.bytes.push(b);
  }

  private paragraph(): void {
    this.flushBytes();
    if (this.state.inTable) {
      const part = cellText(this.line);
      if (part) this.cellParts.push(part);
      this.line = "";
      return;
    }
    const text = cellText(this.line);
    this.line = "";
    if (text) {
      this.blocks.push({ kind: "paragraph", text });
      this.lastWasRow = false;
    }
  }

  /** A cell's paragraphs joined by a space, as the docx reader joins them. */
  private cell(): void {
    this.flushBytes();
    const last = cellText(this.line);
    if (last) this.cellParts.push(last);
    this.cells.push(this.cellParts.join(" "));
    this.cellParts = [];
    this.line = "";
  }

  private row(): void {
    this.flushBytes();
    if (cellText(this.line) || this.cellParts.length > 0) this.cell();
    this.line = "";
    if (!this.lastWasRow) this.above = [];
    // A cell merged with the one above repeats its text, as the docx reader gives a vertical merge.
    this.cells = this.cells.map((c, k) => (c === "" && this.mergedAbove[k] ? (this.above[k] ?? "") : c));
    this.above = this.cells;
    if (this.cells.some((c) => c !== "")) {
      if (!this.lastWasRow) this.tables++;
      this.blocks.push({ kind: "row", cells: this.cells, table: this.tables - 1 });
      this.lastWasRow = true;
    }
    this.cells = [];
    this.state.inTable = false;
  }

  private controlWord(word: string, param: number | undefined): void {
    if (this.starred) {
      this.starred = false;
      // \*\ud holds the Unicode text of a \upr group; other optional destinations are unknown here.
      if (word === "ud") this.state.skip = false;
      else this.state.skip = true;
      return;
    }
    if (SKIPPED.has(word)) {
      this.flushBytes();
      this.state.skip = true;
      return;
    }
    if (word !== "u" && word !== "uc" && this.toSkip > 0) {
      this.toSkip--;
      return;
    }
    if (this.state.fontTable) {
      if (word === "f" && param !== undefined) this.currentFont = param;
      else if (word === "fcharset" && param !== undefined) {
        this.fontCodepages.set(this.currentFont, CHARSET_CODEPAGE[param]);
      } else if (word === "cpg" && param !== undefined) this.fontCodepages.set(this.currentFont, codepageName(param));
      return;
    }
    switch (word) {
      case "fonttbl":
        this.state.fontTable = true;
        this.state.skip = true;
        return;
      case "ansicpg":
        if (param !== undefined) this.ansiCodepage = codepageName(param);
        return;
      case "upr":
        // The ANSI text of \upr is read only when no \*\ud follows; it always does in practice.
        this.state.skip = true;
        return;
      case "f":
        this.flushBytes();
        if (param !== undefined) this.state.codepage = this.fontCodepages.get(param);
        return;
      case "uc":
        this.state.uc = Math.max(0, param ?? 1);
        return;
      case "u":
        if (param === undefined) return;
        this.emit(String.fromCharCode(param < 0 ? param + 65536 : param));
        this.toSkip = this.state.uc;
        return;
      case "par":
      case "sect":
      case "page":
      case "line":
        if (!this.state.skip) this.paragraph();
        return;
      case "trowd":
        this.mergedAbove = [];
        this.pendingMerge = false;
        return;
      case "clvmrg":
        this.pendingMerge = true;
        return;
      case "cellx":
        this.mergedAbove.push(this.pendingMerge);
        this.pendingMerge = false;
        return;
      case "intbl":
        this.state.inTable = true;
        return;
      case "pard":
        this.state.inTable = false;
        return;
      case "cell":
      case "nestcell":
        if (!this.state.skip) this.cell();
        return;
      case "row":
      case "nestrow":
        if (!this.state.skip) this.row();
        return;
      default: {
        const symbol = SYMBOLS[word];
        if (symbol !== undefined) this.emit(symbol);
      }
    }
  }

  /** Skips \binN's raw bytes; returns the index after them. */
  private binary(i: number, n: number | undefined): number {
    return Math.min(this.src.length, i + Math.max(0, n ?? 0));
  }

  read(): Block[] {
    const src = this.src;
    let i = 0;
    while (i < src.length) {
      const ch = src.charCodeAt(i);
      if (ch === 0x7b) {
        // {
        this.flushBytes();
        this.stack.push(this.state);
        this.state = { ...this.state };
        this.toSkip = 0;
        i++;
      } else if (ch === 0x7d) {
        // }
        this.flushBytes();
        this.state = this.stack.pop() ?? this.state;
        this.toSkip = 0;
        this.starred = false;
        i++;
      } else if (ch === 0x5c) {
        i = this.control(i + 1);
      } else if (ch === 0x0d || ch === 0x0a) {
        i++;
      } else {
        if (ch >= 0x80) this.byte(ch);
        else if (this.toSkip > 0) this.toSkip--;
        else this.emit(src[i]!);
        i++;
      }
    }
    this.paragraph();
    if (this.cells.length > 0) this.row();
    return this.blocks;
  }

  /** Reads a control word or symbol starting after its backslash; returns the index after it. */
  private control(start: number): number {
    const src = this.src;
    const c = src[start];
    if (c === undefined) return start;
    if (c === "'") {
      const b = Number.parseInt(src.slice(start + 1, start + 3), 16);
      if (!Number.isNaN(b)) this.byte(b);
      return start + 3;
    }
    if (!/[a-zA-Z]/.test(c)) {
      if (c === "*") this.starred = true;
      else if (c === "\\" || c === "{" || c === "}") this.literal(c);
      else if (c === "~") this.literal("\u00a0");
      else if (c === "_") this.literal("-");
      else if (c === "\r" || c === "\n") this.controlWord("par", undefined);
      return start + 1;
    }
    let i = start;
    while (i < src.length && /[a-zA-Z]/.test(src[i]!)) i++;
    const word = src.slice(start, i);
    const num = /^-?\d{1,10}/.exec(src.slice(i, i + 11));
    const param = num ? Number.parseInt(num[0], 10) : undefined;
    if (num) i += num[0].length;
    if (src[i] === " ") i++;
    if (word === "bin") return this.binary(i, param);
    this.controlWord(word, param);
    return i;
  }

  private literal(c: string): void {
    if (this.toSkip > 0) this.toSkip--;
    else this.emit(c);
  }
}

/** RTF text as paragraphs and table rows (\cell, \row). Bytes are read as Latin-1: RTF is 7-bit, \'hh decoded by font. */
export function rtfToBlocks(rtf: string): Block[] {
  return new RtfReader(rtf).read();
}

/** A Rich Text Format document, Chinese in \uN or in \'hh bytes of the document's (\ansicpg936) or font's code page. */
export function readRtf(bytes: Uint8Array): Block[] {
  return rtfToBlocks(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"));
}
