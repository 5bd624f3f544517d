import { BureauProfile, Letterhead } from "@luoshi/contract";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { bureauProfile, saveBureauProfile } from "./bureau.service.js";

/** 系统管理 › 公文设置: the bureau's letterhead and document numbers. */
export function bureauRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/bureau-profile",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["bureau"],
        summary: "本局公文设置（红头、发文字号、署名、联系人）",
        response: withErrors({ 200: BureauProfile }),
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
        body: Letterhead,
        response: withErrors({ 200: BureauProfile }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await saveBureauProfile(deps.db, actor, actor.regionId, request.body);
      return bureauProfile(deps.db, actor);
    },
  );
}
