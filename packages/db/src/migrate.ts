import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/** The committed migrations at the top of the repository. */
export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** Applies the committed migrations (Node only: the dev stack, tests and deploy scripts). */
export async function applyMigrations(pool: pg.Pool): Promise<void> {
  await migrate(drizzle({ client: pool }), { migrationsFolder });
}
