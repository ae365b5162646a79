import { loadavg } from 'node:os';
import { deriveToken } from '@attest/core';
import type { ExecutionContext } from 'hono';
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
  /** The most any of the lone signers' page requests made. */
  pageRoundTrips: number;
  /** The most any of the lone signers' signature POSTs made before its answer was ready. */
  signRoundTrips: number;
  /** …and after it: the receipt, handed to waitUntil. */
  signAfterAnswerRoundTrips: number;
  /** How many lone signers the round trips were counted on. */
  roundTripSigners: number;
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

  // The signing routes as a Worker runs them: work handed to waitUntil (the receipt) runs after
  // the answer. Without an executionCtx, routes/sign's afterAnswer awaits it before answering, and
  // both the POST's round trips and its latency would include the receipt.
  const afterAnswer: Promise<unknown>[] = [];
  const executionCtx: ExecutionContext = {
    waitUntil: (work) => void afterAnswer.push(work),
    passThroughOnException: () => {},
    props: {},
  };
  const bindings = { ...h.env, WORK_QUEUE: h.queue };
  const answer = async (method: 'GET' | 'POST', token: string) =>
    h.app.request(
      `/v1/sign/${token}`,
      method === 'GET'
        ? { method }
        : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(SIGNATURE) },
      bindings,
      executionCtx,
    );
  const call = async (method: 'GET' | 'POST', token: string) => {
    const res = await answer(method, token);
    await res.arrayBuffer();
    return res.status;
  };

  // Round trips, on a few signers alone (the first also warms up): counted the moment the answer
  // is ready, then again once the work handed to waitUntil is done. The receipt's query goes out
  // only after hashing the token (an asynchronous digest), so it cannot slip in before an answer
  // that is already built; if it ever did, it would count against the POST, never for it.
  const tokens = await signingTokens(api, campaignId, h.env.TOKEN_SECRET!);
  const ROUND_TRIP_SIGNERS = 5;
  const trips = { page: 0, sign: 0, afterAnswer: 0 };
  const receipts = () =>
    h.stack.mail.messages().filter((m) => m.idempotency_key?.startsWith('receipt/')).length;
  const receiptsBefore = receipts();
  for (const token of tokens.slice(0, ROUND_TRIP_SIGNERS)) {
    let before = countRoundTrips();
    if ((await call('GET', token)) !== 200) throw new Error('lone signer: page failed');
    trips.page = Math.max(trips.page, countRoundTrips() - before);
    if (afterAnswer.length) throw new Error('the signing page left work after its answer');
    before = countRoundTrips();
    const res = await answer('POST', token);
    const atAnswer = countRoundTrips() - before;
    if (res.status !== 200) throw new Error(`lone signer: sign ${res.status} ${await res.text()}`);
    await Promise.all(afterAnswer.splice(0));
    trips.sign = Math.max(trips.sign, atAnswer);
    trips.afterAnswer = Math.max(trips.afterAnswer, countRoundTrips() - before - atAnswer);
  }
  // The after-answer count means something only if the receipts did go out.
  if (receipts() - receiptsBefore !== ROUND_TRIP_SIGNERS)
    throw new Error(
      `lone signers: ${receipts() - receiptsBefore} receipts for ${ROUND_TRIP_SIGNERS} signatures`,
    );

  const loadAverage = loadavg()[0]!;
  const signers = await runSigners({
    tokens: tokens.slice(ROUND_TRIP_SIGNERS),
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    openPage: (token) => call('GET', token),
    sign: (token) => call('POST', token),
  });
  // The receipts still on their way (in a Worker, the runtime waits for them likewise).
  await Promise.all(afterAnswer.splice(0));
  if (signers.errorSamples.length) console.warn('in-process signing errors:', signers.errorSamples);
  return {
    schools,
    recipients,
    launchMs,
    drainMs,
    resendCalls,
    mailCaught: mail.length,
    pageRoundTrips: trips.page,
    signRoundTrips: trips.sign,
    signAfterAnswerRoundTrips: trips.afterAnswer,
    roundTripSigners: ROUND_TRIP_SIGNERS,
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    loadAverage,
    page: signers.page,
    sign: signers.sign,
  };
}
