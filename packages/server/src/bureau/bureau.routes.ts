import { type Static, Type } from "@sinclair/typebox";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { Nullable, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { bureauProfile, saveBureauProfile } from "./bureau.service.js";

const text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

/** The letterhead fields, as the web app sends and receives them. */
export const LetterheadSchema = Type.Object(
  {
    fullName: text(100),
    shortName: text(50),
    mark: text(100),
    noticeNumberPattern: text(60),
    bulletinNumberPattern: text(60),
    signature: text(100),
    contactLine: text(200, 0),
  },
  { additionalProperties: false },
);

export const BureauProfileSchema = Type.Object({
  profile: LetterheadSchema,
  /** False while the region uses the defaults drawn from its name. */
  saved: Type.Boolean(),
  updatedAt: Nullable(Type.String()),
  /** The number the next document of each kind will get. */
  next: Type.Object({ notice: Type.String(), bulletin: Type.String() }),
});
export type BureauProfileView = Static<typeof BureauProfileSchema>;

/** 系统管理 › 公文设置: the bureau's letterhead and document numbers. */
export function bureauRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/bureau-profile",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["bureau"],
        summary: "本局公文设置（红头、发文字号、署名、联系人）",
        response: withErrors({ 200: BureauProfileSchema }),
      },
    },
    async (request) => bureauProfile(deps.db, actorOf(request)),
  );

  app.put(
    "/api/bureau-profile",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["bureau"],
        summary: "修改本局公文设置",
        body: LetterheadSchema,
        response: withErrors({ 200: BureauProfileSchema }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await saveBureauProfile(deps.db, actor, actor.regionId, request.body);
      return bureauProfile(deps.db, actor);
    },
  );
}
