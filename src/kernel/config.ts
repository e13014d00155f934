import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  /** When set, Tollgate runs on this PostgreSQL; otherwise on embedded PGlite. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database (PGlite) and its lock file. */
  dataDir: string;
  /** Cookies get the Secure flag when Tollgate is served over HTTPS. */
  secureCookies: boolean;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** ISO 4217 code of the installation's currency (money amounts carry no currency of their own). */
  currency: string;
  /**
   * How many reverse proxies in front of Tollgate append to X-Forwarded-For; 0: the client's
   * address is the socket's and the header is ignored.
   */
  trustProxy: number;
  /** `smtp://…` or `smtps://…` for outgoing e-mail; unset: mails are written to the log instead. */
  smtpUrl: string | undefined;
  /** The sender of outgoing e-mail. */
  mailFrom: string;
  /**
   * The address people reach Tollgate at (links in e-mails, webhooks and calendar feeds); unset:
   * the address a request came in on, or http://localhost:<port> where there is no request.
   */
  publicUrl: string | undefined;
  /**
   * Whether this instance runs queued jobs and schedules (TOLLGATE_JOBS, default on). An instance
   * with it off still enqueues: another instance on the same PostgreSQL runs the jobs.
   */
  jobs: { run: boolean; concurrency: number };
  version: string;
}

export const VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const currency = (env.TOLLGATE_CURRENCY || 'EUR').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new Error(`TOLLGATE_CURRENCY must be an ISO 4217 code such as EUR or USD, got "${env.TOLLGATE_CURRENCY}"`);
  }
  const trustProxy = parseTrustProxy(env.TOLLGATE_TRUST_PROXY);
  const smtpUrl = parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']);
  const publicUrl = parseUrl('TOLLGATE_PUBLIC_URL', env.TOLLGATE_PUBLIC_URL, ['http:', 'https:'])?.replace(/\/+$/, '');
  const jobs = parseJobs(env.TOLLGATE_JOBS, env.TOLLGATE_JOB_CONCURRENCY);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.TOLLGATE_DATA || '.tollgate/data'),
    secureCookies: env.TOLLGATE_SECURE_COOKIES === 'true',
    sessionHours: Number(env.TOLLGATE_SESSION_HOURS ?? 12),
    currency,
    trustProxy,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'Tollgate <tollgate@localhost>',
    publicUrl,
    jobs,
    version: VERSION,
  };
}

/** TOLLGATE_JOBS `on` (or unset) or `off`; TOLLGATE_JOB_CONCURRENCY jobs at once, 1 to 64 (default 2). */
function parseJobs(run: string | undefined, concurrency: string | undefined): Config['jobs'] {
  const mode = (run ?? '').trim().toLowerCase();
  if (!['', 'on', 'off'].includes(mode)) throw new Error(`TOLLGATE_JOBS must be on or off, got "${run}"`);
  const text = (concurrency ?? '').trim();
  const count = text === '' ? 2 : Number(text);
  if (!/^\d*$/.test(text) || !Number.isInteger(count) || count < 1 || count > 64) {
    throw new Error(`TOLLGATE_JOB_CONCURRENCY must be a whole number from 1 to 64, got "${concurrency}"`);
  }
  return { run: mode !== 'off', concurrency: count };
}

/** `true` trusts one proxy, a number that many; unset, empty, `false` or `0` none. */
function parseTrustProxy(value: string | undefined): number {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false') return 0;
  if (text === 'true') return 1;
  const hops = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(hops)) {
    throw new Error(`TOLLGATE_TRUST_PROXY must be true, false or the number of proxies, got "${value}"`);
  }
  return hops;
}

/** An optional URL setting of one of the given protocols; unset or empty is undefined. */
function parseUrl(name: string, value: string | undefined, protocols: string[]): string | undefined {
  const text = (value ?? '').trim();
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} must be a URL (${protocols.join(' or ')}//…)`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${name} must start with ${protocols.join(' or ')}//`);
  return text;
}
