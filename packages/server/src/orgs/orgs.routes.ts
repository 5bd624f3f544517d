import { NewOrgBody, Org, OrgAlias, OrgDetail, OrgPatchBody, OrgsQuery } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { camel, camelAll } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { orgGroupsRoutes } from "./org-groups.routes.js";
import {
  addAlias,
  createOrg,
  deactivateOrg,
  getVisibleOrg,
  listVisibleOrgs,
  removeAlias,
  updateOrg,
} from "./orgs.service.js";

export function orgsRoutes(app: App, deps: AppDeps): void {
  orgGroupsRoutes(app, deps);
  app.get(
    "/api/orgs",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["orgs"],
        summary: "可见的组织机构（本单位及下级）",
        querystring: OrgsQuery,
        response: withErrors({ 200: Type.Object({ orgs: Type.Array(Org) }) }),
      },
    },
    async (request) => ({
      orgs: camelAll(await listVisibleOrgs(deps.db, actorOf(request), request.query.kind)),
    }),
  );

  app.get(
    "/api/orgs/:id",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["orgs"],
        summary: "组织机构详情（含别名）",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ org: OrgDetail }) }),
      },
    },
    async (request) => ({ org: camel(await getVisibleOrg(deps.db, actorOf(request), request.params.id)) }),
  );

  app.post(
    "/api/orgs",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["orgs"],
        summary: "新建组织机构",
        body: NewOrgBody,
        response: withErrors({ 201: Type.Object({ org: Org }) }),
      },
    },
    async (request, reply) => {
      const org = await createOrg(deps.db, actorOf(request), request.body);
      return reply.status(201).send({ org: camel(org) });
    },
  );

  app.post(
    "/api/orgs/:id/aliases",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["orgs"],
        summary: "添加单位别名（如 基教股 = 基础教育股）",
        params: IdParams,
        body: Type.Object({ alias: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: withErrors({ 201: Type.Object({ alias: OrgAlias }) }),
      },
    },
    async (request, reply) => {
      const alias = await addAlias(deps.db, actorOf(request), request.params.id, request.body.alias);
      return reply.status(201).send({ alias: camel(alias) });
    },
  );

  app.patch(
    "/api/orgs/:id",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["orgs"],
        summary: "修改组织机构（名称、学段、排序、上级单位）",
        params: IdParams,
        body: OrgPatchBody,
        response: withErrors({ 200: Type.Object({ org: Org }) }),
      },
    },
    async (request) => ({ org: camel(await updateOrg(deps.db, actorOf(request), request.params.id, request.body)) }),
  );

  app.delete(
    "/api/orgs/:id",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["orgs"],
        summary: "停用组织机构（软删除；须先移除下级单位和账号）",
        params: IdParams,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await deactivateOrg(deps.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/orgs/:id/aliases/:aliasId",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["orgs"],
        summary: "删除单位别名（软删除）",
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          aliasId: Type.String({ minLength: 1, maxLength: 64 }),
        }),
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await removeAlias(deps.db, actorOf(request), request.params.id, request.params.aliasId);
      return reply.status(204).send(null);
    },
  );
}
