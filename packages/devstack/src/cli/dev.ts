import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startLocalStack } from '../local-stack.ts';

// `npm run dev`: the whole product locally, with demo data, on fixed addresses. Data persists in
// .data/ (delete the folder to start again from the demo seed).

const dataDir = join(repoRoot, '.data');
const stack = await startLocalStack({
  devstackPort: 8025,
  pgPort: 54320,
  apiPort: 8787,
  webPort: 5173,
  web: true,
  dataDir: process.env.DATABASE_URL ? null : join(dataDir, 'pglite'),
  keyDir: dataDir,
  databaseUrl: process.env.DATABASE_URL,
  stateDir: dataDir,
  inheritOutput: true,
}).catch((error) => {
  console.error(`\nThe local stack did not start: ${error.message}`);
  console.error('Is another `npm run dev` still running? Ports 8025, 8787, 5173 and 54320 must be free.');
  process.exit(1);
});

// So that a plain `wrangler dev` from the repo root finds the same settings.
copyFileSync(join(dataDir, 'api.dev.vars'), join(repoRoot, '.dev.vars'));

const accounts = await stack.accounts();
const width = Math.max(...accounts.map((a) => a.email.length));
const lines = [
  '',
  '  Attest is running locally',
  '',
  `  Web app            ${stack.webUrl}   (sign in as any demo account below)`,
  `  API                ${stack.apiUrl}   (/health, /docs, /openapi.json)`,
  `  Dev stack console  ${stack.devstack.url}   (caught mail, demo accounts)`,
  `  Postgres           ${stack.devstack.databaseUrl}${process.env.DATABASE_URL ? '' : '   (PGlite, data in .data/pglite)'}`,
  '',
  `  Demo data: ${stack.seed.seeded ? `seeded just now (${stack.seed.schools} schools, ${stack.seed.people} people)` : 'already there (delete .data/ to start afresh)'}`,
  `  Clause library: ${stack.library?.seeded ? `built just now from the five seed policies (${stack.library.clauses} clauses, ${stack.library.policies} policies published)` : 'already there'}`,
  '',
  '  Demo sign-ins (no password in development):',
  ...accounts.map(
    (a) =>
      `    ${a.email.padEnd(width)}  ${a.trustName}: ${a.role}${a.schools.length ? ` (${a.schools.join(', ')})` : ''}`,
  ),
  '',
  '  Ctrl+C stops everything.',
  '',
];
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Attest…');
    await stack.stop();
    process.exit(0);
  });
}
