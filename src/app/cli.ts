import { Command, Option } from 'commander';
import { systemActor } from '../kernel/actor.ts';
import { loadConfig } from '../kernel/config.ts';
import { type Database, DataDirLockedError, openDatabase } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import { runMigrations } from '../kernel/migrate.ts';
import { ROLES, type Role } from '../kernel/permissions.ts';
import { verifyAuditTrail } from '../modules/audit/index.ts';
import { createUser } from '../modules/auth/index.ts';
import { startServer } from './server.ts';

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  try {
    await runMigrations(database, config.databaseUrl);
    return await work(database);
  } finally {
    await database.close();
  }
}

export function buildCli(): Command {
  const program = new Command('tollgate')
    .description('Tollgate, the PMO platform. Configuration comes from PORT, DATABASE_URL and TOLLGATE_DATA.')
    .showHelpAfterError();

  program
    .command('serve', { isDefault: true })
    .description('Serve the web app and the API (migrates, and seeds demo data into an empty database)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--no-seed', 'do not seed demo data into an empty database')
    .action(async (opts: { port?: string; seed: boolean }) => {
      if (opts.port) process.env.PORT = opts.port;
      const config = loadConfig();
      // The signal handlers come first: a signal while the database opens, migrates or seeds waits
      // for that to finish and then stops, so the data directory's lock is always released.
      let stopSignal: NodeJS.Signals | null = null;
      let stopServer: (() => Promise<void>) | null = null;
      const shutdown = (stop: () => Promise<void>) => {
        const timer = setTimeout(() => {
          console.error('could not stop within 10 s (a connection still open); exiting');
          process.exit(1);
        }, 10_000);
        timer.unref();
        stop().then(
          () => process.exit(0),
          (err) => {
            console.error(err);
            process.exit(1);
          },
        );
      };
      const onSignal = (signal: NodeJS.Signals) => {
        // Ctrl-C in a terminal reaches this process twice under `npm start` (from the terminal and
        // forwarded by npm): a second signal is the same request, not a reason to stop unclean.
        if (stopSignal) return;
        stopSignal = signal;
        console.log(`\n${signal}: shutting down`);
        if (stopServer) shutdown(stopServer);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      ({ stop: stopServer } = await startServer(config, { seed: opts.seed }));
      if (stopSignal) shutdown(stopServer);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      await withDatabase(async (database) => {
        console.log(`migrations applied (${database.kind})`);
      });
    });

  program
    .command('seed')
    .description('Load data into the database')
    .requiredOption('--demo', 'the demo organisation (refused when the database already has users)')
    .action(async () => {
      await withDatabase(async (database) => {
        const { seedDemoIfEmpty } = await import('./seed.ts');
        if (!(await seedDemoIfEmpty(database))) {
          throw new Error('the database already has users; seed --demo only fills an empty database');
        }
        console.log('seeded the demo organisation (password for every demo account: tollgate-demo)');
      });
    });

  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description('Create a user account')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'password (or set TOLLGATE_PASSWORD)')
    .addOption(new Option('--role <role...>', 'roles to grant').choices([...ROLES]).default([]))
    .action(async (opts: { email: string; name: string; password?: string; role: Role[] }) => {
      const password = opts.password ?? process.env.TOLLGATE_PASSWORD;
      if (!password) throw new Error('give --password or set TOLLGATE_PASSWORD');
      await withDatabase(async (database) => {
        const created = await createUser(database.db, systemActor('cli'), {
          email: opts.email,
          displayName: opts.name,
          password,
          roles: opts.role,
        });
        console.log(`created ${created.email} (${created.roles.join(', ') || 'no roles'}) id ${created.id}`);
      });
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Recompute every hash chain; exits 1 and names the first broken event when one is found')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async (database) => {
        const result = await verifyAuditTrail(database.db);
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else if (result.ok)
          console.log(`audit trail intact: ${result.events} events in ${result.chains} chains; digest ${result.digest}`);
        else
          console.error(
            `audit trail BROKEN at event ${result.firstBrokenEventId}: ${result.reason} (${result.events} events checked)`,
          );
        if (!result.ok) process.exitCode = 1;
      });
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`tollgate: ${err.message}`);
      process.exit(2);
    }
    if (err instanceof AppError) {
      console.error(`tollgate: ${err.message}`);
      process.exit(1);
    }
    console.error(`tollgate: ${(err as Error).message}`);
    process.exit(1);
  }
}
