/**
 * Whether an error means the database could not be reached or could not take the request right now
 * (a crash, a restart, a failover in progress), as opposed to a fault in the request or the code:
 * such a request is answered 503 and may be retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    // SQLSTATE class 08 (connection exception: 08001 also when no listed host fits, see multi-host.ts),
    // 57P01-57P03 (shutdown, crash, not yet accepting connections), 25006 (a write reached a standby).
    if (/^08...$|^57P0[1-3]$|^25006$/.test(code)) return true;
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|EAI_AGAIN)$/.test(code)) return true;
  }
  // node-postgres reports a cut connection or a full pool without a code.
  const message = error instanceof Error ? error.message : "";
  return /^Connection terminated|^timeout exceeded when trying to connect|is not queryable/.test(message);
}
