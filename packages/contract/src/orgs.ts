import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { ORG_KINDS } from "./vocabulary.js";

export const OrgKindSchema = OneOf(ORG_KINDS, { description: "机构类型" });

export const Org = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  kind: OrgKindSchema,
  schoolLevel: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Org = Static<typeof Org>;

/** One org with its aliases: `aliases` the names, `aliasEntries` with ids so one can be deleted. */
export const OrgDetail = Type.Object({
  ...Org.properties,
  aliases: Type.Array(Type.String()),
  aliasEntries: Type.Array(Type.Object({ id: Type.String(), alias: Type.String() })),
});
export type OrgDetail = Static<typeof OrgDetail>;

export const OrgAlias = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  orgId: Type.String(),
  alias: Type.String(),
  createdAt: Timestamp,
});
export type OrgAlias = Static<typeof OrgAlias>;

export const OrgsQuery = Type.Object({ kind: Type.Optional(OrgKindSchema) });

export const NewOrgBody = Type.Object({
  parentId: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: OneOf(["department", "school", "other"] as const),
  schoolLevel: Type.Optional(Type.String({ maxLength: 20 })),
});
export type NewOrgBody = Static<typeof NewOrgBody>;

export const OrgPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    schoolLevel: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    sortOrder: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })),
    parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OrgPatchBody = Static<typeof OrgPatchBody>;

/** A group of units a plan may name collectively (各基层党组织 → its members). */
export const OrgGroup = Type.Object({ id: Type.String(), name: Type.String(), orgIds: Type.Array(Type.String()) });
export type OrgGroup = Static<typeof OrgGroup>;

export const OrgGroupBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    orgIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type OrgGroupBody = Static<typeof OrgGroupBody>;
