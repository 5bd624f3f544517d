import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";

/**
 * Robot webhooks may reach the robot vendors only: an allow-list of host names, https on its
 * default port, no credentials, no IP literals. A URL is checked when it is saved and again
 * when a message is sent; at send time the host is resolved, every address it resolves to is
 * checked against the private, loopback, link-local and other special ranges, and the socket
 * connects to the address that was checked (the lookup is ours, so DNS rebinding between check
 * and connect cannot slip through). Redirects are never followed.
 */
export interface WebhookPolicy {
  /** Host names robots may be reached at, lower case, exact match. */
  hosts: string[];
  /** Tests only: a plain-http recording server on a chosen port. Never read from the environment. */
  allowPlainHttp?: boolean;
  allowPorts?: boolean;
  /** Tests only: addresses otherwise forbidden (the local recording server on 127.0.0.1). */
  allowAddresses?: string[];
  /** Tests only: a resolver standing in for DNS. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
  /**
   * Testing only (LUOSHI_WEBHOOK_TEST_SINK): every message, once its URL has passed the checks above,
   * goes over plain http to this recording server on the loopback address instead of to the robot.
   */
  sink?: { host: string; port: number };
}

export const DEFAULT_WEBHOOK_HOSTS = ["oapi.dingtalk.com", "qyapi.weixin.qq.com"];

/** Why a URL is refused; the Chinese text is the user's, the reason the program's. */
export class WebhookUrlRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (reason: string, message: string): never => {
  throw new WebhookUrlRefused(reason, message);
};

/** The checks that need no network: scheme, credentials, port, IP literals, the allow-list. */
export function checkWebhookUrl(raw: string, policy: WebhookPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("malformed", "机器人地址格式不正确");
  }
  const plainOk = policy.allowPlainHttp === true && url.protocol === "http:";
  if (url.protocol !== "https:" && !plainOk) refuse("scheme", "机器人地址必须以 https:// 开头");
  if (url.username !== "" || url.password !== "") refuse("credentials", "机器人地址不能包含用户名或密码");
  if (url.port !== "" && policy.allowPorts !== true) refuse("port", "机器人地址不能指定端口");
  // The URL parser has already turned 0x7f000001, 2130706433, 0177.1 and the like into dotted form.
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host) !== 0) refuse("ip_literal", "机器人地址不能是 IP 地址，请使用企业微信或钉钉提供的地址");
  if (host === "localhost" || host.endsWith(".localhost")) refuse("localhost", "机器人地址不能指向本机");
  if (!policy.hosts.includes(host))
    refuse("host", `机器人地址只能是以下域名：${policy.hosts.join("、") || "（未配置）"}`);
  return url;
}

const forbiddenV4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const)
  forbiddenV4.addSubnet(net, prefix, "ipv4");

const forbiddenV6 = new BlockList();
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 32], // Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local
  ["ff00::", 8], // multicast
] as const)
  forbiddenV6.addSubnet(net, prefix, "ipv6");

/** True when a resolved address is one a robot may never be reached at. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbiddenV4.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return forbiddenV4.check(mapped[1]!, "ipv4");
  if (/^::ffff:/i.test(address)) return true;
  return forbiddenV6.check(address, "ipv6");
}

const systemResolve = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** Resolves a host and returns its addresses if every one of them may be reached. */
export async function checkedAddresses(hostname: string, policy: WebhookPolicy): Promise<LookupAddress[]> {
  const addresses = await (policy.resolve ?? systemResolve)(hostname);
  if (addresses.length === 0) refuse("unresolved", "机器人地址无法解析");
  const allowed = new Set(policy.allowAddresses ?? []);
  for (const a of addresses) {
    if (isForbiddenAddress(a.address) && !allowed.has(a.address))
      refuse("private_address", "机器人地址解析到了内网或保留地址，已拒绝发送");
  }
  return addresses;
}

export interface RobotReply {
  status: number;
  /** The reply's first bytes only (REPLY_LIMIT), for the vendor's errcode. */
  body: string;
}

export type RobotPost = (url: string, body: string, timeoutMs: number) => Promise<RobotReply>;

const REPLY_LIMIT = 4096;

/**
 * Posts JSON to a robot URL after the send-time checks, connecting only to a checked address.
 * 3xx answers are returned as they are (never followed); the reply is read up to REPLY_LIMIT.
 */
export function robotPoster(policy: WebhookPolicy): RobotPost {
  return async (raw, body, timeoutMs) => {
    const checked = checkWebhookUrl(raw, policy);
    const sink = policy.sink;
    // The sink's address is the only one posted to without resolving: loopback, chosen by the operator.
    const url = sink ? new URL(`${checked.pathname}${checked.search}`, `http://${sink.host}:${sink.port}`) : checked;
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const addresses = sink
      ? [{ address: sink.host === "localhost" ? "127.0.0.1" : sink.host, family: isIP(sink.host) || 4 }]
      : await checkedAddresses(hostname, policy);
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<RobotReply>((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json; charset=utf-8",
            "content-length": Buffer.byteLength(body),
            ...(sink ? { host: checked.host, "x-luoshi-test-sink": "1" } : {}),
          },
          timeout: timeoutMs,
          // The socket asks us, not DNS, for the address: only the checked ones are offered.
          lookup: (_host, options, callback) => {
            const cb = callback as unknown as (
              err: Error | null,
              address: string | LookupAddress[],
              family?: number,
            ) => void;
            if ((options as { all?: boolean }).all) cb(null, addresses);
            else cb(null, addresses[0]!.address, addresses[0]!.family);
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            if (size < REPLY_LIMIT) chunks.push(chunk);
            size += chunk.length;
            if (size >= REPLY_LIMIT) res.destroy();
          });
          const done = () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).subarray(0, REPLY_LIMIT).toString("utf8"),
            });
          res.on("end", done);
          res.on("close", done);
          res.on("error", done);
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`超时（${timeoutMs} 毫秒）`)), timeoutMs);
      req.on("close", () => clearTimeout(timer));
      req.on("timeout", () => req.destroy(new Error(`超时（${timeoutMs} 毫秒）`)));
      req.on("error", reject);
      req.end(body);
    });
  };
}
