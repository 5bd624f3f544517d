import type { LedgerAction, LedgerState, LedgerType, PersonalKind } from "@luoshi/contract";

/**
 * What a ledger type declares (issue 15): its fields, its workflow states, and which actions move a
 * record from which state to which, under which guards. Plain data and pure functions: the service
 * runs them inside a transaction, the property tests run them alone.
 */

export type FieldValue = string | number | string[] | null;
export type Fields = Record<string, FieldValue>;

export type FieldKind =
  | { kind: "text"; maxLength: number }
  /** `labels`: each value's Chinese label, as exports write it and imports read it. */
  | { kind: "enum"; values: readonly string[]; labels?: Readonly<Record<string, string>> }
  | { kind: "date" }
  | { kind: "money" }
  /** A user of the record's region (the service checks it exists). */
  | { kind: "user" }
  /** Evidence: ids of uploaded files the actor may read (the service checks them). */
  | { kind: "files"; maxItems: number };

export type FieldDef = FieldKind & {
  label: string;
  /** Personal data: masked in every answer, shown in clear only by an audited reveal. */
  personal?: PersonalKind;
  /** Set by the workflow only; a correction may not touch it. */
  system?: boolean;
  /** Other column headers an imported sheet may give this field (the label is always one). */
  synonyms?: readonly string[];
};

/** Who is acting and when, as guards see it. */
export interface ActionContext {
  actorId: string;
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: string;
  /** The region's settings of this ledger type (e.g. default rectification days by grade). */
  settings: Record<string, unknown>;
}

/** A record as the workflow sees it. */
export interface LedgerRecordState {
  state: LedgerState;
  fields: Fields;
}

export interface TransitionDef {
  from: readonly LedgerState[];
  /** The state after the step; absent, the state stays (a step that only records, e.g. an escalation). */
  to?: LedgerState;
  /** The fields the caller may set with this step. */
  input: readonly string[];
  /** Fields the step sets itself (who fixed, when) given the record after the caller's input. */
  derive?: (record: LedgerRecordState, ctx: ActionContext) => Fields;
  /** The step needs a note saying why (a failed re-inspection). */
  noteRequired?: boolean;
  /** Refusals before the step (e.g. the reviewer is the fixer): an error code, or null. */
  guard?: (record: LedgerRecordState, ctx: ActionContext) => string | null;
}

export interface LedgerTypeDef {
  type: LedgerType;
  states: readonly LedgerState[];
  initial: LedgerState;
  fields: Record<string, FieldDef>;
  /** Fields a new record must carry. */
  required: readonly string[];
  transitions: Partial<Record<LedgerAction, TransitionDef>>;
  /** What must hold of a record in each state: the violated rule's error code, or null. */
  invariant: (record: LedgerRecordState) => string | null;
}

/** The personal fields a type declares. */
export const personalFieldsOf = (def: LedgerTypeDef): string[] =>
  Object.entries(def.fields)
    .filter(([, f]) => f.personal)
    .map(([name]) => name);
