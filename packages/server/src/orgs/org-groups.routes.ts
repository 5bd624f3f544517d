import { OrgGroup as Group, OrgGroupBody as GroupBody } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { listGroups, removeGroup, saveGroup } from "./org-groups.service.js";

const tags = ["orgs"];

/** Organisation groups a plan may name collectively (各基层党组织 → its members). */
export function orgGroupsRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/org-groups",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "单位分组（计划中的“各基层党组织”等集合称谓对应的单位）",
        response: withErrors({ 200: Type.Object({ groups: Type.Array(Group) }) }),
      },
    },
    async (request) => ({ groups: await listGroups(deps.db, actorOf(request)) }),
  );

  app.post(
    "/api/org-groups",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags,
        summary: "新建单位分组",
        body: GroupBody,
        response: withErrors({ 201: Type.Object({ group: Group }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({ group: await saveGroup(deps.db, actorOf(request), request.body) }),
  );

  app.put(
    "/api/org-groups/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags,
        summary: "修改单位分组（名称与成员）",
        params: IdParams,
        body: GroupBody,
        response: withErrors({ 200: Type.Object({ group: Group }) }),
      },
    },
    async (request) => ({ group: await saveGroup(deps.db, actorOf(request), request.body, request.params.id) }),
  );

  app.delete(
    "/api/org-groups/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: { tags, summary: "停用单位分组", params: IdParams, response: withErrors({ 204: Type.Null() }) },
    },
    async (request, reply) => {
      await removeGroup(deps.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
