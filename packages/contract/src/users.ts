import { type Static, Type } from "@sinclair/typebox";
import { RoleSchema } from "./auth.js";
import { Nullable, OneOf, Timestamp } from "./common.js";

export const User = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  orgId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  createdAt: Timestamp,
});
export type User = Static<typeof User>;

/** A user as an admin edits them: disabled users keep their row (deletedAt set). */
export const UserState = Type.Object({ ...User.properties, deletedAt: Nullable(Timestamp), disabled: Type.Boolean() });
export type UserState = Static<typeof UserState>;

export const NewUserBody = Type.Object({
  orgId: Type.String({ minLength: 1, maxLength: 64 }),
  username: Type.String({ minLength: 2, maxLength: 64, pattern: "^[A-Za-z0-9_.-]+$" }),
  displayName: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  role: RoleSchema,
});
export type NewUserBody = Static<typeof NewUserBody>;

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    role: Type.Optional(RoleSchema),
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatchBody = Static<typeof UserPatchBody>;

/** A sign-in throttle an admin may clear: on an account, a device or a client address. */
export const LoginThrottle = Type.Object({
  key: Type.String(),
  scope: OneOf(["account", "client", "device"] as const),
  subject: Type.String(),
  failures: Type.Integer(),
  blockedUntil: Nullable(Timestamp),
  lastAttempt: Timestamp,
});
export type LoginThrottle = Static<typeof LoginThrottle>;

/** A user in the admin's list: disabled accounts included, marked. */
export const ListedUser = Type.Object({ ...User.properties, disabled: Type.Boolean() });
export type ListedUser = Static<typeof ListedUser>;

/** An account created by a batch import (POST /api/users/import). */
export const ImportedAccount = Type.Object({
  /** The sheet row it came from, as Excel numbers it. */
  row: Type.Integer(),
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  role: RoleSchema,
  /** Only for rows that left the password empty: shown once, never stored in clear. */
  generatedPassword: Nullable(Type.String()),
});
export type ImportedAccount = Static<typeof ImportedAccount>;

export const UsersImportAnswer = Type.Object({ dryRun: Type.Boolean(), accounts: Type.Array(ImportedAccount) });
export type UsersImportAnswer = Static<typeof UsersImportAnswer>;

/** A sheet row that keeps the whole import out (in the 422 error's details.problems). */
export const ImportRowProblem = Type.Object({
  row: Type.Integer(),
  code: Type.String(),
  message: Type.String(),
  value: Type.Optional(Type.String()),
});
export type ImportRowProblem = Static<typeof ImportRowProblem>;
