/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the
 * CSRF token echoed on every write, and `{error:{code,message,details}}` turned into ApiError.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-named validation issues (422 VALIDATION_FAILED), if any. */
  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues.filter(
      (i): i is FieldIssue => typeof i === 'object' && i !== null && typeof (i as FieldIssue).field === 'string',
    );
  }
}

export const CSRF_COOKIE = 'tg_csrf';

export function readCookie(
  name: string,
  cookieHeader: string = typeof document === 'undefined' ? '' : document.cookie,
): string | null {
  for (const part of cookieHeader.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Where a 401 sends the user; skipped for the calls that decide whether one is signed in. */
function redirectToLogin() {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  const from = encodeURIComponent(pathname + search);
  window.location.assign(`/login?from=${from}`);
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Do not redirect on 401 (the login page and the initial "who am I"). */
  noRedirect?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const base = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const error = parseError(response.status, payload, response.headers.get('retry-after'));
    if (response.status === 401 && !options.noRedirect) redirectToLogin();
    throw error;
  }
  return payload as T;
}

export function parseError(status: number, payload: unknown, retryAfter?: string | null): ApiError {
  const body = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof body?.code === 'string' ? body.code : status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  const message = typeof body?.message === 'string' ? body.message : `The server answered ${status}.`;
  const details = body?.details;
  let retry: number | undefined;
  const fromDetails = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof fromDetails === 'number') retry = fromDetails;
  else if (retryAfter && /^\d+$/.test(retryAfter)) retry = Number(retryAfter);
  return new ApiError(status, code, message, details, retry);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, options),
};

/** One page of a list route: `{items, total, limit, offset, next}` (next: the following page's link, or null). */
export interface ListReply<T> {
  items: T[];
  total?: number;
  limit?: number;
  offset?: number;
  next?: string | null;
}
