import { type Static, Type } from "@sinclair/typebox";
import { OneOf } from "./common.js";
import { ROLES } from "./vocabulary.js";

export const RoleSchema = OneOf(ROLES, { description: "角色" });

/** The signed-in user. */
export const Me = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  orgId: Type.String(),
  regionId: Type.String(),
});
export type Me = Static<typeof Me>;

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const SessionReply = Type.Object({ user: Me, csrfToken: Type.String() });
export type SessionReply = Static<typeof SessionReply>;

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type PasswordBody = Static<typeof PasswordBody>;
