import { SIGNER_HEADERS } from '@attest/core';
import { shortUserAgent } from '@attest/core/evidence/format';
import { readPdf } from '@attest/core/pdf/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  deliverQueued,
  type Harness,
  publishStaffPolicy,
  startHarness,
  TEST_WEB_API_KEY,
} from '../../testing/harness.ts';

// What a signature records about the signer (address, browser) is the signer's, never our own
// server's, and never what a client claims in X-Forwarded-For. The web app passes the signer's on
// with WEB_API_KEY (apps/web/src/lib/server/api.ts); nothing else is believed.

let h: Harness;
let tokens: string[] = [];
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const evidenceOf = async (token: string) =>
  (
    await h.sql<{ ip: string | null; user_agent: string | null }>(
      `select s.ip, s.user_agent from signatures s join person_links l on l.subject_id = s.recipient_id
        where l.token_hash = encode(sha256(convert_to($1, 'utf8')), 'hex')`,
      [token],
    )
  )[0];

async function sign(token: string, headers: Record<string, string>) {
  const page = await h.request('GET', `/v1/sign/${token}`);
  return h.request('POST', `/v1/sign/${token}`, {
    json: { typedName: page.body.person.name, statements: page.body.statements },
    headers,
  });
}

beforeAll(async () => {
  h = await startHarness();
  const policyId = await publishStaffPolicy(h);
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const campaign = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: {
      name: 'Evidence',
      policyId,
      schoolIds: [h.ids.school('pennine', 'castle-lane')],
      audiences: ['staff'],
      dueAt,
    },
  });
  await h.request('POST', `/v1/campaigns/${campaign.body.id}/launch`, { as: ADMIN });
  await deliverQueued(h, h.queue.drain());
  tokens = h.stack.mail.messages().map((m) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(m.text ?? '')![1]!);
  expect(tokens.length).toBeGreaterThan(3);
});
afterAll(async () => {
  await h?.stop();
});

describe('signature evidence: happy', () => {
  it('records the address and browser the web app passes on with its key', async () => {
    const res = await sign(tokens[0]!, {
      [SIGNER_HEADERS.key]: TEST_WEB_API_KEY,
      [SIGNER_HEADERS.ip]: '81.2.69.160',
      [SIGNER_HEADERS.agent]: PHONE,
      'user-agent': 'undici (the web server)',
    });
    expect(res.status).toBe(200);
    expect(await evidenceOf(tokens[0]!)).toEqual({ ip: '81.2.69.160', user_agent: PHONE });
    // The signer's PDF copy says so too, in words.
    const copy = await h.app.request(`/v1/sign/${tokens[0]}/copy.pdf`, {}, { ...h.env, WORK_QUEUE: h.queue });
    const text = (await readPdf(await copy.arrayBuffer())).text;
    expect(text).toContain(`Browser ${shortUserAgent(PHONE)}`);
    expect(text).toContain('IP address 81.2.69.160');
  });
});

describe('signature evidence: security', () => {
  it('never believes X-Forwarded-For, or forwarded headers without the right key', async () => {
    const spoofed = await sign(tokens[1]!, {
      'x-forwarded-for': '6.6.6.6',
      [SIGNER_HEADERS.ip]: '6.6.6.7',
      [SIGNER_HEADERS.agent]: 'Forged/1.0',
      [SIGNER_HEADERS.key]: 'not-the-key-0123456789abcdef0123456789abcdef',
      'user-agent': PHONE,
    });
    expect(spoofed.status).toBe(200);
    expect(await evidenceOf(tokens[1]!)).toEqual({ ip: null, user_agent: PHONE });

    // A direct request at the edge: what Cloudflare saw, not what the client said.
    const direct = await sign(tokens[2]!, {
      'cf-connecting-ip': '2a00:23c5::1',
      'x-forwarded-for': '6.6.6.6',
      'user-agent': PHONE,
    });
    expect(direct.status).toBe(200);
    expect(await evidenceOf(tokens[2]!)).toEqual({ ip: '2a00:23c5::1', user_agent: PHONE });
  });

  it('keeps control characters out of what it records', async () => {
    await sign(tokens[3]!, {
      [SIGNER_HEADERS.key]: TEST_WEB_API_KEY,
      [SIGNER_HEADERS.ip]: '81.2.69.161',
      [SIGNER_HEADERS.agent]: `${PHONE}\u0007\u001b[31m`,
    });
    expect(await evidenceOf(tokens[3]!)).toEqual({ ip: '81.2.69.161', user_agent: `${PHONE}[31m` });
  });
});
