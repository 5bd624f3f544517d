/**
 * The parser's data model. The scored fields follow shared/corpus/SCHEMA.md;
 * everything else (body, measures, span, diagnostics) is ours and additive.
 */

/** One unit of document content, as a reader yields it. */
export type Block =
  | { kind: "paragraph"; text: string }
  /** A table row; `cells` are the cell texts left to right (merged cells repeat or are empty). */
  | { kind: "row"; cells: string[]; table?: number };

/** The text a review screen shows: blocks joined by "\n", a row's cells by "\t". */
export interface SourceSpan {
  /** Offsets into the document's source text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** First and last line (0-based block index) the item covers. */
  startLine: number;
  endLine: number;
}

export type DiagnosticCode =
  | "NUMBERING_GAP"
  | "NUMBERING_DUPLICATE"
  | "UNIT_LIST_UNSPLIT"
  | "DEADLINE_NO_YEAR"
  | "PLAN_YEAR_UNKNOWN"
  | "PLAN_YEAR_INFERRED"
  | "NO_TASKS"
  | "TABLE_HEADER_GUESSED";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: "warning" | "info";
  /** Chinese, for people. */
  message: string;
  span?: SourceSpan;
}

export interface Deadline {
  text: string;
  /** ISO date of the period's last day, or null for "throughout". */
  date: string | null;
  kind: "by" | "throughout";
}

export type TargetOp = ">=" | "<=" | "range" | "increase_by" | "decrease_by";

export interface Target {
  text: string;
  subject: string;
  op: TargetOp;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
}

export interface Task {
  no: string;
  path: string[];
  title: string;
  units: string[];
  /** How many of `units` lead (牵头); the rest cooperate. Equals units.length where no split is printed. */
  leadCount: number;
  deadlines: Deadline[];
  targets: Target[];
  /** The task's full text after the number, title included. */
  body: string;
  /** Sub-items (（1）…, 一是…) kept as the task's measures. */
  measures: string[];
  span: SourceSpan;
  /**
   * How sure the parser is of this task, 0–1 (1: nothing doubtful), and the doubts that lowered it; a review
   * screen lists the least sure first. Additive: not one of SCHEMA.md's scored fields.
   */
  confidence?: number;
  reasons?: TaskDoubt[];
}

/** Why a task's reading is doubtful. */
export type TaskDoubt =
  /** Its number breaks the sequence (a gap or a repeat): a task may be missing or split wrongly. */
  | "NUMBERING_GAP"
  /** Its deadlines' year came from the body, not the title. */
  | "YEAR_INFERRED"
  /** Its deadlines have no year at all. */
  | "YEAR_UNKNOWN"
  /** It comes from a table whose header was guessed (no number column, or a continued table). */
  | "TABLE_HEADER_GUESSED"
  /** Its text was joined across broken lines, page numbers or page-chunk markers. */
  | "JOINED_LINE"
  /** It was cut out of a line holding several numbered items. */
  | "INLINE_ITEM"
  /** Its unit list could not be split with confidence. */
  | "UNITS_UNSPLIT"
  /** It names no responsible unit. */
  | "NO_UNITS";

export interface Plan {
  title: string;
  year: number | null;
  tasks: Task[];
  span: SourceSpan;
  diagnostics: Diagnostic[];
}

export interface ParsedDocument {
  plans: Plan[];
  /** The text spans refer to. */
  source: string;
  format: DocumentFormat;
  diagnostics: Diagnostic[];
}

/** The format a file's content was read as (a .wps is read as "doc", an .et as "xls"). */
export type DocumentFormat = "txt" | "html" | "docx" | "pdf" | "xlsx" | "doc" | "rtf" | "odt" | "xls" | "ods";

export interface ParseOptions {
  /** Overrides the plan year read from the title. */
  year?: number;
}
