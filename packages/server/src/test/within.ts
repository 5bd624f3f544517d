/**
 * Tries an attempt up to `tries` times until its result is ok, and returns the last result
 * for the test to assert on. For facts about the PostgreSQL cluster's snapshot, which a test
 * file running beside this one may move at any moment: a correct implementation shows them
 * within a few tries, a wrong one never does.
 */
export async function within<T>(tries: number, attempt: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await attempt();
  for (let i = 1; i < tries && !ok(value); i++) value = await attempt();
  return value;
}
