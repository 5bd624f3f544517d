import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { Nullable, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { search } from "./search.service.js";

const Results = Type.Object({
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

export function searchRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/search",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["search"],
        summary: "全局搜索：任务、工作计划、单位、督办单（仅限本人可见范围）",
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }) }),
        response: withErrors({ 200: Results }),
      },
    },
    async (request) => search(deps.db, actorOf(request), request.query.q),
  );
}
