import { describe, expect, it } from "vitest";
import { ClientTurns } from "./client-turns.js";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("ClientTurns", () => {
  it("runs at most `concurrency` per address, the rest in order; other addresses do not wait", async () => {
    const turns = new ClientTurns(2, 10);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      order.push(i);
      running--;
      return i;
    };
    const other = turns.run("10.0.0.2", async () => "other");
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => turns.run("10.0.0.1", job(i))));
    expect(await other).toBe("other");
    expect(await all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual([0, 1]);
    expect(turns.size).toBe(0);
  });

  it("refuses at once beyond the waiting room, and a failed attempt frees its turn", async () => {
    const turns = new ClientTurns(1, 2);
    const slow = turns.run("a", async () => {
      await tick();
      throw new Error("wrong password");
    });
    const waiting = [turns.run("a", async () => 1), turns.run("a", async () => 2)];
    await expect(turns.run("a", async () => 3)).rejects.toMatchObject({ code: "RATE_LIMITED", statusCode: 429 });
    await expect(slow).rejects.toThrow("wrong password");
    expect(await Promise.all(waiting)).toEqual([1, 2]);
    expect(turns.size).toBe(0);
  });
});
