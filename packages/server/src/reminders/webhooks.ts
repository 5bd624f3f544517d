import { createHmac } from "node:crypto";
import type { WebhookKind } from "../supervision/schema.js";
import { type RobotPost, WebhookUrlRefused } from "./webhook-guard.js";

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

export interface DeliveryLimits {
  /** Tries per message in one run (a refused URL is not tried again). */
  attempts: number;
  baseDelayMs: number;
  /** One request's time limit. */
  timeoutMs: number;
  /** Messages in flight at once. */
  concurrency: number;
  /** A whole run's time limit: what is not sent by then waits for the next run. */
  budgetMs: number;
}

export const DELIVERY_LIMITS: DeliveryLimits = {
  attempts: 3,
  baseDelayMs: 500,
  timeoutMs: 5_000,
  concurrency: 4,
  budgetMs: 60_000,
};

export interface SendDeps {
  post: RobotPost;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  limits?: DeliveryLimits;
}

export interface SendOutcome {
  ok: boolean;
  attempts: number;
  /** A short, bounded account of the last failure: never the reply body. */
  error: string | null;
  httpStatus: number | null;
  errcode: number | null;
}

/**
 * Posts with exponential backoff (0.5 s, 1 s) on network errors, HTTP errors and robot errcodes,
 * within the run's deadline (epoch ms): no attempt starts, and no wait runs, past it.
 */
export async function sendWithRetry(
  endpoint: { kind: WebhookKind; url: string; secret: string | null },
  payload: unknown,
  deps: SendDeps,
  deadline = Number.POSITIVE_INFINITY,
): Promise<SendOutcome> {
  const limits = deps.limits ?? DELIVERY_LIMITS;
  const body = JSON.stringify(payload);
  const outcome: SendOutcome = { ok: false, attempts: 0, error: null, httpStatus: null, errcode: null };
  for (let attempt = 1; attempt <= limits.attempts; attempt++) {
    if (attempt > 1) {
      const delay = limits.baseDelayMs * 2 ** (attempt - 2);
      if (Date.now() + delay >= deadline) break;
      await deps.sleep(delay);
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    outcome.attempts = attempt;
    try {
      const url = signedUrl(endpoint.kind, endpoint.url, endpoint.secret, deps.now().getTime());
      const reply = await deps.post(url, body, Math.min(limits.timeoutMs, left));
      outcome.httpStatus = reply.status;
      const vendor = vendorError(reply.body);
      outcome.errcode = vendor.errcode;
      if (reply.status < 200 || reply.status >= 300) {
        outcome.error = `HTTP ${reply.status}${vendor.errcode !== null ? ` errcode ${vendor.errcode}` : ""}`;
        continue;
      }
      if (vendor.errcode !== null && vendor.errcode !== 0) {
        outcome.error = `errcode ${vendor.errcode}: ${vendor.errmsg}`;
        continue;
      }
      return { ...outcome, ok: true, error: null };
    } catch (cause) {
      outcome.httpStatus = null;
      outcome.errcode = null;
      outcome.error = bounded((cause as Error).message);
      // A URL the policy refuses will be refused again: no retry.
      if (cause instanceof WebhookUrlRefused) break;
    }
  }
  if (outcome.attempts === 0) outcome.error = "本轮发送时限已到，稍后补发";
  return outcome;
}

const bounded = (text: string, max = 100) =>
  text
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .slice(0, max)
    .trim();

/**
 * Both robots answer {errcode, errmsg}; an empty or non-JSON body has no errcode (a 2xx counts as
 * accepted). Only the code and a bounded message are kept.
 */
export function vendorError(body: string): { errcode: number | null; errmsg: string } {
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    const errcode = Number.isSafeInteger(parsed?.errcode) ? (parsed.errcode as number) : null;
    return { errcode, errmsg: typeof parsed?.errmsg === "string" ? bounded(parsed.errmsg) : "" };
  } catch {
    return { errcode: null, errmsg: "" };
  }
}
