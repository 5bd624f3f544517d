import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type TestContext } from "../test/app.js";

type Schema = Record<string, unknown>;
interface Operation {
  deprecated?: boolean;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

/**
 * Where a schema leaves an answer undescribed: an object with no properties that takes any keys
 * (`AnyObject`), an array without items, or an empty schema `{}` — unless it says in a description
 * why the value is free-form JSON (an audit snapshot, an error's details).
 */
export function untypedNodes(schema: unknown, at = "$"): string[] {
  if (schema === null || typeof schema !== "object") return [`${at}: no schema`];
  const s = schema as Schema;
  const found: string[] = [];
  const keys = Object.keys(s).filter((k) => k !== "description" && k !== "title" && k !== "$id");
  if (keys.length === 0 && typeof s.description !== "string") found.push(`${at}: empty schema`);
  const named = Object.keys((s.properties as object | undefined) ?? {}).length > 0;
  // OpenAPI 3.0 has no null type: the null branch of a union comes out as `{ type: object, nullable, enum: [null] }`.
  const nullBranch = s.nullable === true && Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null;
  if (
    s.type === "object" &&
    !named &&
    !nullBranch &&
    !s.patternProperties &&
    typeof s.additionalProperties !== "object"
  )
    found.push(`${at}: object without properties`);
  if (s.type === "array" && !s.items) found.push(`${at}: array without items`);
  if (s.properties) {
    for (const [name, sub] of Object.entries(s.properties as Record<string, unknown>))
      found.push(...untypedNodes(sub, `${at}.${name}`));
  }
  if (typeof s.additionalProperties === "object") found.push(...untypedNodes(s.additionalProperties, `${at}{*}`));
  if (s.items) found.push(...untypedNodes(s.items, `${at}[]`));
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const list = s[key];
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) found.push(...untypedNodes(sub, `${at}|${i}`));
  }
  return found;
}

/** Every route and status code of an OpenAPI document whose answer has no (or an untyped) schema. */
export function untypedAnswers(doc: { paths: Record<string, Record<string, Operation>> }): string[] {
  const found: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const route = `${method.toUpperCase()} ${path}`;
      const responses = Object.entries(op.responses ?? {});
      // A retired route (deprecated, answering 410 Gone) has no success answer to describe.
      const retired = op.deprecated === true && responses.some(([code]) => code === "410");
      if (!retired && !responses.some(([code]) => code.startsWith("2")))
        found.push(`${route}: no success answer declared`);
      for (const [code, response] of responses) {
        const contents = Object.entries(response.content ?? {});
        if (contents.length === 0 && code !== "204") found.push(`${route} ${code}: no schema`);
        for (const [type, { schema }] of contents)
          for (const where of untypedNodes(schema)) found.push(`${route} ${code} ${type} ${where}`);
      }
    }
  }
  return found;
}

describe("untypedAnswers", () => {
  const doc = (schema: Schema, code = "200") => ({
    paths: { "/x": { get: { responses: { [code]: { content: { "application/json": { schema } } } } } } },
  });

  it("accepts a fully described answer", () => {
    const schema = {
      type: "object",
      properties: { items: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } } },
    };
    expect(untypedAnswers(doc(schema))).toEqual([]);
    expect(untypedAnswers(doc({ type: "object", properties: { before: { description: "any JSON" } } }))).toEqual([]);
  });

  it("finds an AnyObject, an empty schema, a bare array, a missing schema and a missing success code", () => {
    expect(untypedAnswers(doc({ type: "object", properties: {}, additionalProperties: true }))).toEqual([
      "GET /x 200 application/json $: object without properties",
    ]);
    expect(untypedAnswers(doc({ type: "object", properties: { plan: { type: "object" } } }))).toEqual([
      "GET /x 200 application/json $.plan: object without properties",
    ]);
    const nullBranch = { type: "object", nullable: true, enum: [null] };
    expect(untypedAnswers(doc({ anyOf: [{ enum: ["a"] }, nullBranch] }))).toEqual([]);
    expect(untypedAnswers(doc({ anyOf: [{ type: "string" }, {}] }))).toEqual([
      "GET /x 200 application/json $|1: empty schema",
    ]);
    expect(untypedAnswers(doc({ type: "array" }))).toEqual(["GET /x 200 application/json $: array without items"]);
    expect(untypedAnswers({ paths: { "/y": { post: { responses: { 200: { description: "Default" } } } } } })).toEqual([
      "POST /y 200: no schema",
    ]);
    expect(untypedAnswers(doc({ type: "string" }, "400"))).toEqual(["GET /x: no success answer declared"]);
    const gone = (deprecated: boolean) => ({
      paths: {
        "/z": {
          post: { deprecated, responses: { 410: { content: { "application/json": { schema: { type: "string" } } } } } },
        },
      },
    });
    expect(untypedAnswers(gone(false))).toEqual(["POST /z: no success answer declared"]);
    expect(untypedAnswers(gone(true))).toEqual([]);
  });
});

describe("/api/docs/json", () => {
  let t: TestContext;
  let doc: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await createTestApp();
    const session = await loginAs(t.app, t.fixture.a.users.admin);
    doc = (await t.app.inject({ url: "/api/docs/json", headers: session.headers })).json();
  }, 600_000);
  afterAll(() => t.close());

  it("documents every route the app serves", () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const served = t.app.luoshiRoutes
      .filter((r) => !r.url.startsWith("/api/docs") && r.url.startsWith("/api/"))
      .map((r) => `${r.method} ${r.url}`);
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it("declares a typed answer for every route and status code", () => {
    const untyped = untypedAnswers(doc);
    if (process.env.LIST_UNTYPED) console.log(`UNTYPED\n${untyped.join("\n")}`);
    expect(untyped).toEqual([]);
  });
});
