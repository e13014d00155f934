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
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.TOLLGATE_DATA || '.tollgate/data'),
    secureCookies: env.TOLLGATE_SECURE_COOKIES === 'true',
    sessionHours: Number(env.TOLLGATE_SESSION_HOURS ?? 12),
    currency,
    trustProxy,
    version: VERSION,
  };
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
