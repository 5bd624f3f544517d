import { maskPersonal } from "@luoshi/contract";
import type { Changes } from "./fields.js";
import type { Fields, LedgerTypeDef } from "./ledger-type.js";

/**
 * A ledger record's personal fields as answers, history and audit show them: each by the kind its
 * type declares (names, identity numbers, phones masked; health, family, scores withheld) through
 * the shared mask (@luoshi/contract mask.ts). Only an audited reveal shows them in clear.
 */
const masked = (def: LedgerTypeDef, field: string, value: unknown) => {
  const kind = def.fields[field]?.personal;
  return kind && typeof value === "string" ? maskPersonal(kind, value) : value;
};

export const maskFields = (def: LedgerTypeDef, fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, masked(def, k, v)])) as Fields;

export const maskChanges = (def: LedgerTypeDef, changes: Changes): Changes =>
  Object.fromEntries(
    Object.entries(changes).map(([k, c]) => [
      k,
      def.fields[k]?.personal ? { from: masked(def, k, c.from), to: masked(def, k, c.to) } : c,
    ]),
  ) as Changes;
