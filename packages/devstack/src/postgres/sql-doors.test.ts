import { afterAll, beforeAll } from 'vitest';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import { describeSqlDoors } from './sql-doors.shared.ts';

let stack: Devstack;

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0 });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

describeSqlDoors('PGlite', () => stack);
