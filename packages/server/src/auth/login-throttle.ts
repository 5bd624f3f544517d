/**
 * Login throttling, instead of a hard lock: every attempt is counted (atomically, before the
 * password is checked) against the keys it comes under; once a key has `after` failures, the next
 * attempt must wait `firstWaitSeconds`, and each wait doubles with every further failure, up to
 * `capSeconds` (16 s, 32 s, 64 s … 15 min). A success clears
 * the keys. A browser the user signed in from before (its device cookie) is counted under its own
 * key instead of the account's and the address's, so strangers guessing cannot lock the owner out.
 */
export interface ThrottleRule {
  /** Failures allowed before the backoff starts. */
  after: number;
  firstWaitSeconds: number;
  capSeconds: number;
}

export const THROTTLE_RULES = {
  account: { after: 5, firstWaitSeconds: 16, capSeconds: 15 * 60 },
  /** A school's NAT puts many people behind one address: more room before it backs off. */
  client: { after: 20, firstWaitSeconds: 16, capSeconds: 15 * 60 },
  device: { after: 10, firstWaitSeconds: 16, capSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export type ThrottleScope = keyof typeof THROTTLE_RULES;

/** Failures older than this start the count afresh. */
export const THROTTLE_FORGET_MS = 24 * 60 * 60 * 1000;

export const throttleKey = (scope: ThrottleScope, value: string) => `${scope}:${value}`;

export const scopeOf = (key: string): ThrottleScope => key.slice(0, key.indexOf(":")) as ThrottleScope;

/** Seconds to wait after `failures` failures under a rule (0 while under the threshold). */
export function backoffSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.after) return 0;
  return Math.min(rule.firstWaitSeconds * 2 ** (failures - rule.after), rule.capSeconds);
}
