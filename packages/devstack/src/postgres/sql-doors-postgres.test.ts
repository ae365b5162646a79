import { afterAll, beforeAll, describe } from 'vitest';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import { describeSqlDoors } from './sql-doors.shared.ts';

// The same door tests against a real Postgres server (DATABASE_URL mode), e.g.
// TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres. PGlite is not started.
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)('against TEST_DATABASE_URL', () => {
  let stack: Devstack;

  beforeAll(async () => {
    stack = await startDevstack({ port: 0, databaseUrl });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  describeSqlDoors('Postgres server', () => stack);
});
