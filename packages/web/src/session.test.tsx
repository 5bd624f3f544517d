// @vitest-environment happy-dom
import "./test/dom";
import { act, render } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { api } from "./api/endpoints";
import type { Me } from "./api/types";
import { SessionProvider, useSession } from "./session";

const me: Me = {
  userId: "u1",
  username: "ducha",
  displayName: "王敏",
  role: "supervisor",
  orgId: "o1",
  regionId: "r1",
};

let seen: (Me | null | undefined)[] = [];
function Probe() {
  seen.push(useSession().user);
  return null;
}

function renderCounting() {
  seen = [];
  render(
    <SessionProvider>
      <Probe />
    </SessionProvider>,
  );
  return seen;
}

describe("SessionProvider", () => {
  it("draws the remembered user at once and does not render again when the recheck confirms it", async () => {
    sessionStorage.setItem("luoshi:session", JSON.stringify({ user: me, csrfToken: "t" }));
    const check = Promise.resolve({ user: { ...me }, csrfToken: "t" });
    vi.spyOn(api, "session").mockReturnValue(check);
    const seen = renderCounting();
    await act(() => check);
    expect(seen[0]).toEqual(me);
    expect(new Set(seen).size).toBe(1);
  });

  it("signs the tab out when the session has ended (user null)", async () => {
    sessionStorage.setItem("luoshi:session", JSON.stringify({ user: me, csrfToken: "t" }));
    const check = Promise.resolve({ user: null, csrfToken: null });
    vi.spyOn(api, "session").mockReturnValue(check);
    const seen = renderCounting();
    await act(() => check);
    expect(seen.at(-1)).toBeNull();
    expect(sessionStorage.getItem("luoshi:session")).toBeNull();
  });

  it("signs the tab out when the recheck fails", async () => {
    sessionStorage.setItem("luoshi:session", JSON.stringify({ user: me, csrfToken: "t" }));
    const check = Promise.reject(new Error("network"));
    vi.spyOn(api, "session").mockReturnValue(check);
    const seen = renderCounting();
    await act(() => check.catch(() => undefined));
    expect(seen.at(-1)).toBeNull();
    expect(sessionStorage.getItem("luoshi:session")).toBeNull();
  });
});
