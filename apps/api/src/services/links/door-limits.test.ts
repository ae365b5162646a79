import { SIGNER_HEADERS } from '@attest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_WEB_API_KEY } from '../../testing/harness.ts';
import { DOOR_LIMITS } from './door-limits.ts';

// The public doors that send mail are rate-limited per address and per IP per day, and answer a
// known address and an unknown one exactly alike, limit included.

let h: Harness;
const from = (ip: string) => ({ [SIGNER_HEADERS.key]: TEST_WEB_API_KEY, [SIGNER_HEADERS.ip]: ip });
const ask = (email: string, ip: string) =>
  h.request('POST', '/v1/links/fresh-link', { json: { email }, headers: from(ip) });

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('door limits: security', () => {
  it('refuses the sixth request of the day for an address, known or not, with the same 429', async () => {
    const [known] = await h.sql<{ email: string }>('select email from people order by email limit 1');
    const limit = DOOR_LIMITS['links-by-address'].perSubject;
    const answers: { known: number[]; unknown: number[] } = { known: [], unknown: [] };
    for (let i = 0; i <= limit; i++) {
      answers.known.push((await ask(known!.email, `192.0.2.${i}`)).status);
      answers.unknown.push((await ask('nobody.at.all@example.org', `198.51.100.${i}`)).status);
    }
    expect(answers.known).toEqual([...Array(limit).fill(202), 429]);
    expect(answers.unknown).toEqual(answers.known);
    const refusedKnown = await ask(known!.email, '192.0.2.200');
    const refusedUnknown = await ask('nobody.at.all@example.org', '198.51.100.200');
    expect(refusedKnown.status).toBe(429);
    expect(refusedKnown.text).toBe(refusedUnknown.text);
    expect(refusedKnown.body.error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses one IP after its daily allowance, whatever addresses it tries', async () => {
    const limit = DOOR_LIMITS['links-by-address'].perIp;
    const statuses = [];
    for (let i = 0; i <= limit; i++)
      statuses.push((await ask(`someone${i}@example.org`, '203.0.113.9')).status);
    expect(statuses.slice(0, limit).every((s) => s === 202)).toBe(true);
    expect(statuses[limit]).toBe(429);
    // Another IP is not held back by it.
    expect((await ask('someone-else@example.org', '203.0.113.10')).status).toBe(202);
  });

  it('keeps neither the address nor the IP readable', async () => {
    const rows = await h.sql<{ key_hash: string }>('select key_hash from door_requests');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain('example.org');
    }
  });
});
