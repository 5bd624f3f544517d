import { ERROR_FALLBACK, L } from "../labels";

/** An error answered by the server: its stable code and its Chinese message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The Chinese message to show for anything thrown by a request. */
export const messageOf = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error && error.message ? error.message : L.unknownError;

let csrfToken = "";
/** Unsafe requests echo the session's CSRF token in this header. */
export const CSRF_HEADER = "x-csrf-token";
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

let onUnauthenticated: () => void = () => {};
/** Called when a request answers 401, so the app can return to the login page. */
export const setUnauthenticatedHandler = (handler: () => void) => {
  onUnauthenticated = handler;
};

async function errorFrom(status: number, text: string): Promise<ApiError> {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) {
      return new ApiError(
        status,
        body.error.code,
        body.error.message ?? ERROR_FALLBACK[status] ?? L.unknownError,
        body.error.details,
      );
    }
  } catch {
    // not JSON: fall through to the status's message
  }
  return new ApiError(status, `HTTP_${status}`, ERROR_FALLBACK[status] ?? L.unknownError);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export const withQuery = (url: string, query?: Query): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
};

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers[CSRF_HEADER] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", L.networkError);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!res.ok) {
    const error = await errorFrom(res.status, text);
    if (res.status === 401 && !url.endsWith("/api/auth/login")) onUnauthenticated();
    throw error;
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(url: string, query?: Query) => request<T>("GET", withQuery(url, query));

/** A multipart upload with progress (fetch cannot report upload progress; XHR can). */
export function upload<T>(
  url: string,
  file: File,
  fields: Record<string, string> = {},
  onProgress?: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", L.networkError));
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as T);
        return;
      }
      if (xhr.status === 401) onUnauthenticated();
      reject(await errorFrom(xhr.status, xhr.responseText));
    };
    xhr.send(form);
  });
}
