import { createApp } from '../../src/app/http.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import type { Database } from '../../src/kernel/db.ts';

export const DEMO_PASSWORD = 'tollgate-demo';

export type TestApp = ReturnType<typeof createApp>;

/** The HTTP app on a test database, called in-process; no web assets. */
export function testApp(database: Database): TestApp {
  return createApp({ database, config: { ...loadConfig({}), port: 0 } }, { webDist: null });
}

export interface ApiReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in browser-like client: keeps the session cookie and sends the CSRF header. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  constructor(
    readonly app: TestApp,
    private bearer: string | null = null,
  ) {}

  static async signIn(app: TestApp, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const client = new ApiClient(app);
    const reply = await client.post('/api/v1/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`sign-in as ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return client;
  }

  static withToken(app: TestApp, token: string): ApiClient {
    return new ApiClient(app, token);
  }

  /** A client with no credentials at all. */
  static anonymous(app: TestApp): ApiClient {
    return new ApiClient(app);
  }

  /** Stop sending the CSRF header, to prove writes need it. */
  withoutCsrf(): ApiClient {
    const copy = new ApiClient(this.app, this.bearer);
    copy.cookie = this.cookie;
    return copy;
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    this.absorbCookies(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** POST multipart/form-data: `fields` are text parts, `files` are file parts (name -> {name, bytes, type?}). */
  async upload<T = any>(
    path: string,
    files: Record<string, { name: string; bytes: Uint8Array; type?: string }>,
    fields: Record<string, string> = {},
  ): Promise<ApiReply<T>> {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    for (const [key, file] of Object.entries(files)) {
      form.append(
        key,
        new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    }
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.request(path, { method: 'POST', headers, body: form });
    this.absorbCookies(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** GET the raw bytes of a download. */
  async download(path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.request(path, { method: 'GET', headers });
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  private absorbCookies(headers: Headers) {
    const jar = new Map(
      this.cookie
        .split('; ')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
    );
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
      if (name === 'tg_csrf') this.csrf = decodeURIComponent(value);
    }
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
