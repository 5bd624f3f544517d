import { describe, expect, it } from "vitest";
import { loadMigrations, splitStatements } from "./migrate.js";

describe("splitStatements", () => {
  it("splits at semicolons that end a line and drops comment lines", () => {
    expect(splitStatements("-- a table\nCREATE TABLE a (x int);\nCREATE INDEX a_x ON a (x);\n")).toEqual([
      "CREATE TABLE a (x int)",
      "CREATE INDEX a_x ON a (x)",
    ]);
  });

  it("keeps a dollar-quoted function body whole, semicolons and comments included", () => {
    const body =
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  -- inside\n  DELETE FROM a;\n  RETURN NULL;\nEND\n$fn$;";
    expect(splitStatements(`${body}\nCREATE TABLE b (y int);`)).toEqual([body.slice(0, -1), "CREATE TABLE b (y int)"]);
  });

  it("keeps a statement spread over lines together", () => {
    expect(splitStatements("CREATE TABLE c (\n  x int,\n  y int\n);")).toEqual([
      "CREATE TABLE c (\n  x int,\n  y int\n)",
    ]);
  });

  it("splits every shipped migration into statements without a stray dollar quote", () => {
    for (const m of loadMigrations()) {
      for (const statement of splitStatements(m.sql)) expect(statement.split("$$").length % 2, m.name).toBe(1);
    }
  });
});
