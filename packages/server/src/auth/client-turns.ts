import pLimit, { type LimitFunction } from "p-limit";
import { AppError } from "../errors.js";

/**
 * Sign-ins from one client address take turns: at most `concurrency` are checked at once, the rest
 * wait in line. Attempts are counted before the password is checked (login-throttle.ts), so without
 * turns every attempt in flight counts: 30 teachers behind one school's NAT signing in for the first
 * time in the same second reached the address's allowance of 20 before the first success cleared it,
 * and the rest were told to wait. Taking turns bounds what is in flight, so a success clears the count
 * before many more are charged, while parallel guesses still pile up failures and are held. A line
 * longer than `maxWaiting` is refused at once.
 */
export class ClientTurns {
  /** Each address's line and how many sign-ins are in it (running or waiting). */
  private readonly lines = new Map<string, { limit: LimitFunction; in: number }>();

  constructor(
    private readonly concurrency = 4,
    private readonly maxWaiting = 200,
  ) {}

  async run<T>(client: string, work: () => Promise<T>): Promise<T> {
    let line = this.lines.get(client);
    if (!line) {
      line = { limit: pLimit(this.concurrency), in: 0 };
      this.lines.set(client, line);
    }
    if (line.limit.pendingCount >= this.maxWaiting) throw new AppError("RATE_LIMITED", 429);
    line.in++;
    try {
      return await line.limit(work);
    } finally {
      if (--line.in === 0) this.lines.delete(client);
    }
  }

  /** Addresses with sign-ins in flight or waiting (for tests: lines are dropped once empty). */
  get size(): number {
    return this.lines.size;
  }
}
