/**
 * What the benchmarks over a generated organisation share: percentiles, the app called in-process
 * with a signed-in session, and the generated organisation's people found by their e-mail.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app/http.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { Database } from '../src/kernel/db.ts';

/** The nearest-rank percentile of the samples (ms). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Runs `work` and gives its wall time in ms. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export type App = ReturnType<typeof createApp>;

/** The HTTP app on the database, called in-process as a server would be (no web assets). */
export function benchApp(database: Database): App {
  return createApp({ database, config: { ...loadConfig({}), port: 0 } }, { webDist: null });
}

/** Signs in through POST /api/v1/auth/login and gives the Cookie header of the session. */
export async function signIn(app: App, email: string, password: string): Promise<string> {
  const reply = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (reply.status !== 200) throw new Error(`sign-in as ${email} failed: ${reply.status} ${await reply.text()}`);
  return reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
}
