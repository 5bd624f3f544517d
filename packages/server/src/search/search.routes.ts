import { SearchQuery, SearchResults } from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { search } from "./search.service.js";

export function searchRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/search",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["search"],
        summary: "全局搜索：任务、工作计划、单位、督办单（仅限本人可见范围）",
        querystring: SearchQuery,
        response: withErrors({ 200: SearchResults }),
      },
    },
    async (request) => search(deps.db, actorOf(request), request.query.q),
  );
}
