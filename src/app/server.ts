import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Config } from '../kernel/config.ts';
import { openDatabase } from '../kernel/db.ts';
import { type JobRunner, startJobRunner } from '../kernel/jobs.ts';
import { runMigrations } from '../kernel/migrate.ts';
import { createApp } from './http.ts';
import { seedDemoIfEmpty } from './seed.ts';

/** The built web app's page, as http.ts finds it (from src/app or, compiled, from dist/server). */
const WEB_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

/**
 * Starts Tollgate: opens the database (locking a PGlite data directory), migrates it, seeds
 * the demo organisation into an empty database, starts the job runner (unless TOLLGATE_JOBS=off)
 * and serves the API and the web app. Stopping stops the runner before the database closes.
 */
export async function startServer(config: Config, options: { seed?: boolean } = {}) {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  try {
    await runMigrations(database, config.databaseUrl);
    if (options.seed !== false) {
      const seeded = await seedDemoIfEmpty(database);
      if (seeded) console.log('seeded the demo organisation (password for every demo account: tollgate-demo)');
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  // After the migrations (the queue's tables) and the seed (its jobs run now); the modules the app
  // composes have defined their tasks and schedules by now.
  const app = createApp({ database, config });
  let jobRunner: JobRunner | null = null;
  if (config.jobs.run) {
    try {
      jobRunner = await startJobRunner(database, { concurrency: config.jobs.concurrency });
    } catch (err) {
      await database.close();
      throw err;
    }
  } else if (!config.databaseUrl) {
    console.warn('TOLLGATE_JOBS=off on the embedded database: queued jobs (e-mail, webhooks, reminders) wait until it is on');
  }
  const server = serve({ fetch: app.fetch, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  }).catch(async (err) => {
    await jobRunner?.stop();
    await database.close();
    throw err;
  });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite at ${config.dataDir}`;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Tollgate ${config.version} on http://localhost:${port} (database: ${where})`);
  if (!existsSync(WEB_INDEX))
    console.warn('the web app is not built (no web/dist): serving the API only; `npm run build:web` builds it');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The jobs running finish first; a job not started stays queued for the next start.
      await jobRunner?.stop();
      await database.close();
    })();
    return stopping;
  };
  return { app, stop, server };
}
