import { type Static, Type } from "@sinclair/typebox";
import { Nullable } from "./common.js";

/** GET /api/search: hits of each kind within what the user may see. */
export const SearchResults = Type.Object({
  tasks: Type.Array(
    Type.Object({
      id: Type.String(),
      planId: Type.String(),
      no: Nullable(Type.String()),
      title: Type.String(),
      planTitle: Type.String(),
    }),
  ),
  plans: Type.Array(
    Type.Object({ id: Type.String(), title: Type.String(), year: Nullable(Type.Integer()), status: Type.String() }),
  ),
  orgs: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() })),
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      docNo: Type.String(),
      status: Type.String(),
      taskId: Type.String(),
      taskTitle: Type.String(),
      orgName: Type.String(),
    }),
  ),
});
export type SearchResults = Static<typeof SearchResults>;

export const SearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }) });
