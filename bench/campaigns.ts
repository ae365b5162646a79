import { loadavg } from 'node:os';
import { deriveToken } from '@attest/core';
import { handleQueueBatch, type QueueMessageLike, WORK_QUEUE } from '../apps/api/src/queues/index.ts';
import type { CampaignSendMessage } from '../apps/api/src/queues/messages.ts';
import { ADMIN, type Harness } from '../apps/api/src/testing/harness.ts';
import { type Latencies, runSigners, SIGNATURE } from './signers.ts';

// Issue 4's benchmark: a 6,000-recipient campaign across 50 schools (launch, queue drain, Resend
// calls), then signers hitting the signing page and the signature POST concurrently. The setup
// runs against any API: the in-process harness here, the API under workerd in bench/workerd.ts.

export type { Latencies } from './signers.ts';

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads a few fields of arbitrary JSON bodies
  body: any;
  text: string;
}

/** What the setup needs from wherever the API runs: SQL on its database, and calls as the trust admin. */
export interface BenchApi {
  sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  admin: (method: string, path: string, json?: unknown) => Promise<ApiAnswer>;
}

export const harnessApi = (h: Harness): BenchApi => ({
  sql: h.sql,
  admin: (method, path, json) => h.request(method, path, { as: ADMIN, json }),
});

async function expectStatus(api: BenchApi, status: number, method: string, path: string, json?: unknown) {
  const res = await api.admin(method, path, json);
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
  return res;
}

/**
 * Setup outside the timings: 45 more schools in the demo trust, 120 staff each at every school
 * (bulk SQL), a published policy and a draft campaign across all the schools (through the API).
 */
export async function setUpCampaign(api: BenchApi): Promise<{ campaignId: string; schools: number }> {
  const [trust] = await api.sql<{ id: string }>(
    "select id from trusts where clerk_org_id = 'org_demo_pennine'",
  );
  await api.sql(
    `insert into schools (trust_id, name, urn) select $1, 'Bench School ' || g, (200000 + g)::text from generate_series(1, 45) g`,
    [trust!.id],
  );
  const schools = await api.sql<{ id: string }>('select id from schools where trust_id = $1 order by name', [
    trust!.id,
  ]);
  await api.sql(
    `with s as (select id, row_number() over (order by id) as n from schools where trust_id = $1),
          p as (insert into people (trust_id, name, email, job_title)
                select $1, 'Bench Person ' || s.n || '-' || g, 'bench' || s.n || '-' || g || '@bench.example.org', 'Teacher'
                  from s cross join generate_series(1, 120) g returning id, email)
     insert into school_memberships (trust_id, school_id, person_id, role)
     select $1, s.id, p.id, 'staff' from p join s on p.email like 'bench' || s.n || '-%'`,
    [trust!.id],
  );
  const clause = await expectStatus(api, 201, 'POST', '/v1/clauses', {
    category: 'passwords_access',
    title: 'Passwords',
    text: 'I will keep my passwords to myself at {{school.name}}.',
  });
  const policy = await expectStatus(api, 201, 'POST', '/v1/policies', {
    title: 'Bench AUP',
    audiences: ['staff'],
    sections: [{ heading: null, clauseIds: [clause.body.id] }],
    statements: SIGNATURE.statements,
  });
  await expectStatus(api, 200, 'POST', `/v1/policies/${policy.body.id}/publish`, {});
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const campaign = await expectStatus(api, 201, 'POST', '/v1/campaigns', {
    name: 'Bench campaign',
    policyId: policy.body.id,
    schoolIds: schools.map((s) => s.id),
    audiences: ['staff'],
    dueAt,
  });
  return { campaignId: campaign.body.id, schools: schools.length };
}

/** The timed launch request: writes the recipients and enqueues one message per 100. */
export async function launchCampaign(api: BenchApi, campaignId: string) {
  const t = performance.now();
  const launched = await api.admin('POST', `/v1/campaigns/${campaignId}/launch`);
  const launchMs = performance.now() - t;
  if (launched.status !== 202) throw new Error(`launch failed: ${launched.text.slice(0, 300)}`);
  return { launchMs, recipients: launched.body.recipients as number };
}

/** Every recipient's signing token, as the emailed link carries it. */
export async function signingTokens(api: BenchApi, campaignId: string, secret: string): Promise<string[]> {
  const links = await api.sql<{ id: string; generation: number }>(
    `select l.id, l.generation from recipients r join person_links l on l.purpose = 'sign' and l.subject_id = r.id
      where r.campaign_id = $1 order by r.id`,
    [campaignId],
  );
  return Promise.all(links.map((l) => deriveToken(secret, 'sign', l.id, Number(l.generation))));
}

export interface CampaignBench {
  schools: number;
  recipients: number;
  launchMs: number;
  drainMs: number;
  resendCalls: number;
  mailCaught: number;
  pageRoundTrips: number;
  signRoundTrips: number;
  concurrency: number;
  seconds: number;
  /** The machine's 1-minute load average as the signers started (other work shares the 2 cores). */
  loadAverage: number;
  page: Latencies;
  sign: Latencies;
}

/** Everything in this process: the API through `app.request`, the SQL door, the signers. */
export async function benchCampaign(
  h: Harness,
  countRoundTrips: () => number,
  opts: { concurrency: number; seconds: number },
): Promise<CampaignBench> {
  const api = harnessApi(h);
  const { campaignId, schools } = await setUpCampaign(api);
  h.queue.drain();
  h.stack.mail.clear();

  const { launchMs, recipients } = await launchCampaign(api, campaignId);
  const queued = h.queue.drain() as CampaignSendMessage[];
  const t = performance.now();
  // Cloudflare delivers up to max_batch_size (5) messages per consumer invocation.
  for (let i = 0; i < queued.length; i += 5) {
    const messages: QueueMessageLike<CampaignSendMessage>[] = queued.slice(i, i + 5).map((body) => ({
      body,
      attempts: 1,
      ack: () => {},
      retry: () => {
        throw new Error('retry in bench');
      },
    }));
    await handleQueueBatch(WORK_QUEUE, messages, h.env);
  }
  const drainMs = performance.now() - t;
  const mail = h.stack.mail.messages();
  const resendCalls = new Set(mail.map((m) => m.idempotency_key)).size;

  // Signers. The first one, alone, counts the round trips (and warms up).
  const tokens = await signingTokens(api, campaignId, h.env.TOKEN_SECRET!);
  let before = countRoundTrips();
  await h.request('GET', `/v1/sign/${tokens[0]}`);
  const pageRoundTrips = countRoundTrips() - before;
  before = countRoundTrips();
  await h.request('POST', `/v1/sign/${tokens[0]}`, { json: SIGNATURE });
  const signRoundTrips = countRoundTrips() - before; // includes the receipt (sent after the answer in a Worker)

  const loadAverage = loadavg()[0]!;
  const signers = await runSigners({
    tokens: tokens.slice(1),
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    openPage: async (token) => (await h.request('GET', `/v1/sign/${token}`)).status,
    sign: async (token) => (await h.request('POST', `/v1/sign/${token}`, { json: SIGNATURE })).status,
  });
  if (signers.errorSamples.length) console.warn('in-process signing errors:', signers.errorSamples);
  return {
    schools,
    recipients,
    launchMs,
    drainMs,
    resendCalls,
    mailCaught: mail.length,
    pageRoundTrips,
    signRoundTrips,
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    loadAverage,
    page: signers.page,
    sign: signers.sign,
  };
}
