import { createHmac } from "node:crypto";
import type { WebhookKind } from "./schema.js";

/** Robot webhooks: message formats of WeChat Work (企业微信) and DingTalk (钉钉), signing, retries. */

export interface RobotMessage {
  title: string;
  /** Markdown body. */
  text: string;
}

/** WeChat Work group robot: {msgtype:"markdown", markdown:{content}}. */
export const wecomPayload = (m: RobotMessage) => ({
  msgtype: "markdown",
  markdown: { content: `**${m.title}**\n${m.text}` },
});

/** DingTalk robot: {msgtype:"markdown", markdown:{title, text}}. */
export const dingtalkPayload = (m: RobotMessage) => ({
  msgtype: "markdown",
  markdown: { title: m.title, text: `#### ${m.title}\n${m.text}` },
});

export const robotPayload = (kind: WebhookKind, m: RobotMessage) =>
  kind === "wecom" ? wecomPayload(m) : dingtalkPayload(m);

/** DingTalk "加签": base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), sent url-encoded. */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

export function signedUrl(kind: WebhookKind, url: string, secret: string | null, timestamp: number): string {
  if (kind !== "dingtalk" || !secret) return url;
  const u = new URL(url);
  u.searchParams.set("timestamp", String(timestamp));
  u.searchParams.set("sign", dingtalkSign(secret, timestamp));
  return u.toString();
}

export interface SendDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

export interface SendOutcome {
  ok: boolean;
  attempts: number;
  error: string | null;
}

export const RETRY = { attempts: 4, baseDelayMs: 500, timeoutMs: 10_000 };

/** Posts with exponential backoff (0.5 s, 1 s, 2 s) on network errors, HTTP errors and robot errcodes. */
export async function sendWithRetry(
  endpoint: { kind: WebhookKind; url: string; secret: string | null },
  payload: unknown,
  deps: SendDeps,
): Promise<SendOutcome> {
  let error: string | null = null;
  for (let attempt = 1; attempt <= RETRY.attempts; attempt++) {
    if (attempt > 1) await deps.sleep(RETRY.baseDelayMs * 2 ** (attempt - 2));
    try {
      const url = signedUrl(endpoint.kind, endpoint.url, endpoint.secret, deps.now().getTime());
      const res = await deps.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(RETRY.timeoutMs),
      });
      const body = await res.text();
      if (!res.ok) {
        error = `HTTP ${res.status}`;
        continue;
      }
      const errcode = parseErrcode(body);
      if (errcode !== 0) {
        error = `errcode ${errcode}: ${body.slice(0, 200)}`;
        continue;
      }
      return { ok: true, attempts: attempt, error: null };
    } catch (cause) {
      error = (cause as Error).message;
    }
  }
  return { ok: false, attempts: RETRY.attempts, error };
}

/** Both robots answer {errcode:0,...}; an empty or non-JSON 2xx body counts as accepted. */
function parseErrcode(body: string): number {
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown };
    return typeof parsed.errcode === "number" ? parsed.errcode : 0;
  } catch {
    return 0;
  }
}
