import { ApiError } from '@porthole/shared/api-error';

/** An API failure with the server's (or the engine's) own message (the one error type of both ends). */
export { ApiError };

/** The server's (or engine's) `{ message }`, else the status line. */
function errorFromText(status: number, statusText: string, text: string): ApiError {
  let message = `${status} ${statusText}`.trim();
  try {
    const body = text ? (JSON.parse(text) as { message?: string }) : undefined;
    if (body?.message) message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(status, message);
}

async function errorFrom(res: Response): Promise<ApiError> {
  return errorFromText(res.status, res.statusText, await res.text().catch(() => ''));
}

function reportUnauthorized(err: ApiError): void {
  if (err.status === 401) window.dispatchEvent(new CustomEvent('porthole:unauthorized'));
}

type Json = Record<string, unknown> | unknown[];

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  body?: Json | BodyInit;
  query?: Record<string, string | number | boolean | undefined>;
  /**
   * Sending it twice does no harm (GET and HEAD always; a sign-in too): when the connection drops
   * before an answer, it is sent again.
   */
  repeatable?: boolean;
}

function isJson(body: unknown): body is Json {
  return typeof body === 'object' && body !== null && (Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype);
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** Waits before sending a request again whose connection dropped (0 in unit tests). */
export const RESEND_DELAYS_MS = [150, 600];

/**
 * fetch, sent again when the connection drops before an answer (fetch's TypeError, not an abort)
 * and sending it twice does no harm. Browsers drop requests in flight when the machine's network
 * changes (Chromium's ERR_NETWORK_CHANGED — every `docker run` adds an interface), so a sign-in or
 * a list must not fail for it. A change that may have been made is not sent again: it fails with a
 * message saying so.
 */
async function fetchResending(url: string, init: RequestInit, repeatable: boolean): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (!(err instanceof TypeError) || init.signal?.aborted) throw err;
      if (!repeatable) {
        throw new ApiError(0, 'The connection to Porthole was lost before it answered: check whether the change was made, then try again');
      }
      if (attempt >= RESEND_DELAYS_MS.length) throw new ApiError(0, 'Porthole could not be reached: the connection was lost');
      await new Promise((r) => setTimeout(r, RESEND_DELAYS_MS[attempt]));
    }
  }
}

/** A raw fetch to the Porthole API; throws ApiError with a readable message on failure. */
export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const { body, query, headers, repeatable, ...rest } = opts;
  const json = isJson(body);
  const method = (rest.method ?? 'GET').toUpperCase();
  const init: RequestInit = {
    credentials: 'same-origin',
    ...rest,
    headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
    body: json ? JSON.stringify(body) : (body as BodyInit | undefined),
  };
  const res = await fetchResending(withQuery(path, query), init, repeatable ?? (method === 'GET' || method === 'HEAD'));
  // 304: the engine had nothing to do (start of a running container) — not an error.
  if (!res.ok && res.status !== 304) {
    const err = await errorFrom(res);
    reportUnauthorized(err);
    throw err;
  }
  return res;
}

/**
 * A raw-bytes PUT with upload progress (fetch cannot report it): resolves with the JSON answer,
 * rejects with ApiError carrying the server's message.
 */
export function apiUpload<T>(path: string, body: Blob, onProgress?: (sent: number, total: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          resolve(undefined as T);
        }
        return;
      }
      const err = errorFromText(xhr.status, xhr.statusText, xhr.responseText);
      reportUnauthorized(err);
      reject(err);
    };
    xhr.onerror = () => reject(new ApiError(0, 'The upload failed: the connection to Porthole was lost'));
    xhr.onabort = () => reject(new ApiError(0, 'The upload was cancelled'));
    xhr.send(body);
  });
}

export type ApiOptions = RequestOptions & { deadlineMs?: number };

/** How long a JSON call may take before it fails with a readable message (streams have none). */
export const API_DEADLINE_MS = 30_000;

/** The caller's signal (if any) and the deadline's, as one. */
function withDeadline(signal: AbortSignal | null | undefined, ms: number): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/**
 * JSON from the Porthole API (undefined for empty answers), within `API_DEADLINE_MS`: a call the
 * server (or the engine behind it) does not answer in time fails with "… did not answer within 30 s"
 * instead of leaving a view spinning.
 */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const { deadlineMs = API_DEADLINE_MS, ...rest } = opts;
  const signal = withDeadline(rest.signal, deadlineMs);
  try {
    const res = await apiFetch(path, { ...rest, signal });
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  } catch (err) {
    if (signal.aborted && !rest.signal?.aborted && !(err instanceof ApiError)) {
      throw new ApiError(504, `Porthole did not answer within ${Math.round(deadlineMs / 1000)} s (${path.split('?')[0]})`);
    }
    throw err;
  }
}

/** The Engine API of one engine, through Porthole's proxy. */
export function dockerPath(engine: string, path: string): string {
  return `/api/engines/${encodeURIComponent(engine)}/docker${path}`;
}

export function docker<T>(engine: string, path: string, opts?: ApiOptions): Promise<T> {
  return api<T>(dockerPath(engine, path), opts);
}
