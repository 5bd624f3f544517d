import type { LedgerAction } from "@luoshi/contract";
import { type Changes, diffFields, filled, inputProblems, mergeFields } from "./fields.js";
import { type LedgerErrorCode, ledgerError } from "./ledger-errors.js";
import type { ActionContext, Fields, LedgerRecordState, LedgerTypeDef } from "./ledger-type.js";

/**
 * The workflow of any ledger type, pure: a new record, a step, a correction. Each answers the record
 * after the change and the history entry that records it, or throws an AppError with a stable code
 * and nothing is changed (the caller writes only what is answered).
 */

export interface HistoryEntry {
  action: LedgerAction;
  fromState: LedgerRecordState["state"] | null;
  toState: LedgerRecordState["state"];
  changes: Changes;
  note: string | null;
}

export interface Outcome {
  record: LedgerRecordState;
  entry: HistoryEntry;
}

const refuse = (code: LedgerErrorCode, details?: unknown) => ledgerError(code, 400, details);

function checkInput(def: LedgerTypeDef, input: Fields, allowed: readonly string[]): void {
  const problems = inputProblems(def, input, allowed);
  if (problems.length > 0) throw refuse(problems[0]!.code, { problems });
}

function checkInvariant(def: LedgerTypeDef, record: LedgerRecordState): void {
  const broken = def.invariant(record);
  if (broken) throw refuse(broken as LedgerErrorCode);
}

/** A new record in the type's initial state. */
export function createRecord(def: LedgerTypeDef, input: Fields, note: string | null = null): Outcome {
  const editable = Object.keys(def.fields).filter((f) => !def.fields[f]!.system);
  checkInput(def, input, editable);
  const missing = def.required.filter((f) => !filled(input[f]));
  if (missing.length > 0) throw refuse("FIELD_REQUIRED", { fields: missing });
  const record: LedgerRecordState = { state: def.initial, fields: mergeFields({}, input) };
  checkInvariant(def, record);
  return {
    record,
    entry: { action: "record", fromState: null, toState: def.initial, changes: diffFields({}, record.fields), note },
  };
}

/** A workflow step: allowed from the record's state, its guard passed, its input fitting. */
export function step(
  def: LedgerTypeDef,
  current: LedgerRecordState,
  action: LedgerAction,
  input: Fields,
  ctx: ActionContext,
  note: string | null = null,
): Outcome {
  const transition = def.transitions[action];
  if (!transition?.from.includes(current.state))
    throw ledgerError("TRANSITION_NOT_ALLOWED", 409, { state: current.state, action });
  if (transition.noteRequired && (note ?? "").trim() === "") throw refuse("NOTE_REQUIRED");
  checkInput(def, input, transition.input);
  const withInput: LedgerRecordState = { state: current.state, fields: mergeFields(current.fields, input) };
  const refused = transition.guard?.(withInput, ctx);
  if (refused) throw refuse(refused as LedgerErrorCode);
  const derived = transition.derive?.(withInput, ctx) ?? {};
  const record: LedgerRecordState = {
    state: transition.to ?? current.state,
    fields: mergeFields(withInput.fields, derived),
  };
  checkInvariant(def, record);
  return {
    record,
    entry: {
      action,
      fromState: current.state,
      toState: record.state,
      changes: diffFields(current.fields, record.fields),
      note,
    },
  };
}

/** A correction: editable fields only, state unchanged, a note saying why, the record still valid. */
export function correct(def: LedgerTypeDef, current: LedgerRecordState, input: Fields, note: string): Outcome {
  if (note.trim() === "") throw refuse("NOTE_REQUIRED");
  const editable = Object.keys(def.fields).filter((f) => !def.fields[f]!.system);
  checkInput(def, input, editable);
  const record: LedgerRecordState = { state: current.state, fields: mergeFields(current.fields, input) };
  const missing = def.required.filter((f) => !filled(record.fields[f]));
  if (missing.length > 0) throw refuse("FIELD_REQUIRED", { fields: missing });
  const changes = diffFields(current.fields, record.fields);
  if (Object.keys(changes).length === 0) throw refuse("NOTHING_CHANGED");
  checkInvariant(def, record);
  return { record, entry: { action: "correct", fromState: current.state, toState: current.state, changes, note } };
}
