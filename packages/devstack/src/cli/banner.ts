import type { AccountRow } from '@attest/db/seed/index';
import type { LocalStack } from '../local-stack.ts';

/** 'trust_admin' -> 'trust admin'; several roles arrive as 'head, school_admin'. */
export function roleWords(role: string): string {
  return role.replaceAll('_', ' ');
}

export interface BannerInput {
  stack: Pick<LocalStack, 'webUrl' | 'apiUrl' | 'seed' | 'library'> & {
    devstack: { url: string; databaseUrl: string };
  };
  accounts: AccountRow[];
  /** Where PGlite keeps its data, for the banner; null when DATABASE_URL names a real server. */
  pgliteDir: string | null;
  /** The folder to delete to start afresh, as the developer would type it. */
  dataDir: string;
}

/** What `npm run dev` prints once everything is up: every address and the demo sign-ins. */
export function renderBanner({ stack, accounts, pgliteDir, dataDir }: BannerInput): string {
  const width = Math.max(0, ...accounts.map((a) => a.email.length));
  return [
    '',
    '  Attest is running locally',
    '',
    `  Web app            ${stack.webUrl}   (sign in as any demo account below)`,
    `  API                ${stack.apiUrl}   (/health, /docs, /openapi.json)`,
    `  Dev stack console  ${stack.devstack.url}   (caught mail, demo accounts)`,
    `  Postgres           ${stack.devstack.databaseUrl}${pgliteDir ? `   (PGlite, data in ${pgliteDir})` : ''}`,
    '',
    `  Demo data: ${stack.seed.seeded ? `seeded just now (${stack.seed.schools} schools, ${stack.seed.people} people)` : `already there (delete ${dataDir} to start afresh)`}`,
    `  Clause library: ${stack.library?.seeded ? `built just now from the five seed policies (${stack.library.clauses} clauses, ${stack.library.policies} policies published)` : 'already there'}`,
    '',
    '  Demo sign-ins (no password in development):',
    ...accounts.map(
      (a) =>
        `    ${a.email.padEnd(width)}  ${a.trustName}: ${roleWords(a.role)}${a.schools.length ? ` (${a.schools.join(', ')})` : ''}`,
    ),
    '',
    '  Ctrl+C stops everything.',
    '',
  ].join('\n');
}
