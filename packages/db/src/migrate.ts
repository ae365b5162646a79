import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/** The committed migrations at the top of the repository. */
export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/**
 * Applies the committed migrations (Node only: the dev stack, tests and deploy scripts). `upTo`
 * stops after the migration with that tag (e.g. '0009_campaign_reruns'), so a test can make data
 * the way older code did and then migrate it forward, as a deploy would.
 */
export async function applyMigrations(pool: pg.Pool, opts: { upTo?: string } = {}): Promise<void> {
  if (!opts.upTo) {
    await migrate(drizzle({ client: pool }), { migrationsFolder });
    return;
  }
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const last = journal.entries.findIndex((e) => e.tag === opts.upTo);
  if (last < 0) throw new Error(`no migration tagged ${opts.upTo}`);
  const entries = journal.entries.slice(0, last + 1);
  const folder = mkdtempSync(join(tmpdir(), 'attest-migrations-'));
  try {
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries)
      copyFileSync(join(migrationsFolder, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
    await migrate(drizzle({ client: pool }), { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
