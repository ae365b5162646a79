import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoTrusts, stableUuid } from '@attest/db/seed/index';

// The demo trusts' clause library, seeded through the product itself: each school's real policy
// (shared/seeds, copied byte-for-byte into the core fixtures) is imported, the imports are
// consolidated and accepted, and every school policy is published. So a newcomer's first
// `npm run dev` shows a realistic library, and it was built by the same code a trust would use.

const seedsDir = join(dirname(fileURLToPath(import.meta.url)), '../../core/src/policy/fixtures/seeds');

// biome-ignore lint/suspicious/noExplicitAny: API answers of many shapes
type AnyBody = any;
export type ApiCall = (
  method: string,
  path: string,
  json?: unknown,
) => Promise<{ status: number; body: AnyBody }>;

export interface LibrarySeedResult {
  seeded: boolean;
  policies: number;
  clauses: number;
}

async function expectOk(call: ApiCall, method: string, path: string, json?: unknown) {
  const res = await call(method, path, json);
  if (res.status >= 300)
    throw new Error(
      `seeding the library: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
    );
  return res.body;
}

/** Idempotent: a trust that already has policies is left alone. */
export async function seedDemoLibrary(callAs: (adminEmail: string) => ApiCall): Promise<LibrarySeedResult> {
  let policies = 0;
  let clauses = 0;
  let seeded = false;
  for (const trust of demoTrusts) {
    const call = callAs(trust.admin.email);
    const existing = await expectOk(call, 'GET', '/v1/policies');
    if (existing.data.length > 0) continue;
    seeded = true;
    const importIds: string[] = [];
    for (const school of trust.schools) {
      const text = readFileSync(join(seedsDir, school.seedPolicy), 'utf8');
      const created = await expectOk(call, 'POST', '/v1/imports', {
        text,
        filename: school.seedPolicy,
        schoolId: stableUuid(`school:${trust.key}:${school.key}`),
      });
      importIds.push(created.id);
    }
    const built = await expectOk(call, 'POST', '/v1/imports/accept', { importIds });
    clauses += built.clausesCreated;
    for (const policy of built.policies) {
      await expectOk(call, 'POST', `/v1/policies/${policy.id}/publish`, { label: '2026/27' });
      policies++;
    }
  }
  return { seeded, policies, clauses };
}
