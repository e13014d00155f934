/**
 * What the generator's parts share: a seeded random source, batched inserts that work alike on
 * PostgreSQL and PGlite, and a progress bar on stderr.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../src/kernel/db.ts';

/** mulberry32: small, fast and the same numbers on every run for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random source of its own per project, so a project's data does not depend on the batch it falls in. */
export function projectRandom(seed: number, index: number): () => number {
  return seeded(Math.imul(seed ^ 0x9e3779b9, 2654435761) ^ Math.imul(index + 1, 0x85ebca6b));
}

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const between = (random: Random, low: number, high: number): number => low + (high - low) * random();
export const intBetween = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

/** A normally distributed number (Box–Muller). */
export function gaussian(random: Random, mean: number, sd: number): number {
  const u = Math.max(random(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A row for a table: column names in snake_case, as the table has them. */
export type Row = Record<string, unknown>;

/** Bind parameters one statement may carry (the protocol counts them in 16 bits). */
const MAX_PARAMETERS = 65_535;

/** The array-typed columns of each table: they take a list, every other object goes as JSON text. */
const arrayColumns = new Map<string, Set<string>>();

async function arrayColumnsOf(db: Queryable, table: string): Promise<Set<string>> {
  let known = arrayColumns.get(table);
  if (!known) {
    const result = (await db.execute(
      sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} AND data_type = 'ARRAY'`,
    )) as unknown as { rows: { column_name: string }[] };
    known = new Set(result.rows.map((r) => r.column_name));
    arrayColumns.set(table, known);
  }
  return known;
}

/** The driver under drizzle: a pg Pool or a PGlite instance, both with query(text, params). */
type Client = { query(text: string, params: unknown[]): Promise<unknown> };
const clientOf = (db: Queryable) => (db as unknown as { $client: Client }).$client;
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts rows with multi-row INSERT … VALUES statements straight through the driver (no query
 * builder: it would take longer than the server), as many rows a statement as its bind
 * parameters and `maxBytes` allow. The server parses each value once, straight into its column's
 * type (JSON documents as jsonb), the same on PostgreSQL and PGlite. Every row has the first row's
 * columns; columns absent from the rows take their defaults.
 */
export async function insertRows(db: Queryable, table: string, rows: readonly Row[], maxBytes = 8_000_000): Promise<void> {
  // Looked up first, even for no rows: a benchmark's first timed insert then finds it known.
  const arrays = await arrayColumnsOf(db, table);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const head = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES `;
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  const client = clientOf(db);
  let start = 0;
  while (start < rows.length) {
    // Batches by size as well as count: a report row is a hundred times a forecast row.
    const params: unknown[] = [];
    const tuples: string[] = [];
    let bytes = 0;
    let end = start;
    while (end < rows.length && tuples.length < perStatement && (bytes < maxBytes || tuples.length === 0)) {
      const row = rows[end]!;
      const places: string[] = [];
      for (const column of columns) {
        let v = row[column] ?? null;
        if (v !== null && typeof v === 'object' && !(v instanceof Date) && !arrays.has(column)) v = JSON.stringify(v);
        bytes += typeof v === 'string' ? v.length : 8;
        params.push(v);
        places.push(`$${params.length}`);
      }
      tuples.push(`(${places.join(',')})`);
      end++;
    }
    await client.query(head + tuples.join(','), params);
    start = end;
  }
}

const formatter = new Intl.NumberFormat('en-GB');
export const thousands = (n: number) => formatter.format(n);

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every tenth otherwise (logs).
 */
export class Progress {
  private readonly started = performance.now();
  private lastTenth = -1;
  constructor(
    private readonly total: number,
    private readonly unit: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, extra = ''): void {
    const share = this.total === 0 ? 1 : done / this.total;
    const elapsed = performance.now() - this.started;
    const eta = share > 0 ? (elapsed / share) * (1 - share) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${thousands(done)}/${thousands(this.total)} ${this.unit}${extra ? ` · ${extra}` : ''} · ${duration(elapsed)}${done < this.total ? ` · ETA ${duration(eta)}` : ''}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\x1b[K`);
      if (done >= this.total) this.stream.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`${line}\n`);
    }
  }
}
