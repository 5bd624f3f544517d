// @vitest-environment happy-dom
import "../../test/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { LoginForm } from "./LoginForm";

function fill(username: string, password: string) {
  fireEvent.change(screen.getByLabelText("用户名"), { target: { value: username } });
  fireEvent.change(screen.getByLabelText("密码"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: /登\s*录/ }));
}

describe("LoginForm", () => {
  it("sends the trimmed username and the password", async () => {
    const onLogin = vi.fn().mockResolvedValue(undefined);
    render(<LoginForm onLogin={onLogin} />);
    fill(" ducha ", "demo-password");
    await vi.waitFor(() => expect(onLogin).toHaveBeenCalledWith("ducha", "demo-password"));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("asks for both fields in Chinese and sends nothing when they are empty", async () => {
    const onLogin = vi.fn();
    render(<LoginForm onLogin={onLogin} />);
    fireEvent.click(screen.getByRole("button", { name: /登\s*录/ }));
    expect(await screen.findByText("请输入用户名")).toBeTruthy();
    expect(await screen.findByText("请输入密码")).toBeTruthy();
    expect(onLogin).not.toHaveBeenCalled();
  });

  it("shows the server's message for a wrong password", async () => {
    const onLogin = vi.fn().mockRejectedValue(new ApiError(401, "INVALID_CREDENTIALS", "用户名或密码错误"));
    render(<LoginForm onLogin={onLogin} />);
    fill("ducha", "wrong");
    expect((await screen.findByRole("alert")).textContent).toContain("用户名或密码错误");
  });

  it("shows the server's message when sign-ins are throttled", async () => {
    const onLogin = vi.fn().mockRejectedValue(new ApiError(429, "LOGIN_THROTTLED", "登录尝试过于频繁，请16秒后再试"));
    render(<LoginForm onLogin={onLogin} />);
    fill("ducha", "wrong");
    expect((await screen.findByRole("alert")).textContent).toContain("登录尝试过于频繁，请16秒后再试");
  });
});
