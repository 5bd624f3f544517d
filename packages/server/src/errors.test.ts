import { describe, expect, it } from "vitest";
import { AppError, registerErrors, registeredMessage } from "./errors.js";

describe("registerErrors", () => {
  it("gives a module a factory of AppErrors with its codes and messages", () => {
    const moduleError = registerErrors("test-module", { TEST_THING_MISSING: "测试对象不存在" });
    const error = moduleError("TEST_THING_MISSING", 404, { id: "x" });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "TEST_THING_MISSING", statusCode: 404, message: "测试对象不存在" });
    expect(registeredMessage("TEST_THING_MISSING")).toBe("测试对象不存在");
    expect(new AppError("NOT_FOUND", 404).message).toBe("请求的资源不存在");
  });

  it("refuses a code another module registered with another message", () => {
    expect(() => registerErrors("other", { NOT_FOUND: "别的意思" })).toThrow(/NOT_FOUND/);
    expect(() => registerErrors("same", { NOT_FOUND: "请求的资源不存在" })).not.toThrow();
  });
});
