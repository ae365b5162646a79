import { deriveToken } from '@attest/core';
import { handleQueueBatch, type QueueMessageLike } from '../apps/api/src/queues/index.ts';
import type { CampaignSendMessage } from '../apps/api/src/services/campaigns/launch.ts';
import { ADMIN, type Harness } from '../apps/api/src/testing/harness.ts';

// Issue 4's benchmark: a 6,000-recipient campaign across 50 schools (launch, queue drain, Resend
// calls), then signers hitting the signing page and the signature POST concurrently.

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
  page: Latencies;
  sign: Latencies;
}

export interface Latencies {
  count: number;
  errors: number;
  median: number;
  p95: number;
  p99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const summarise = (times: number[], errors: number): Latencies => {
  const s = [...times].sort((a, b) => a - b);
  return { count: s.length, errors, median: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
};

export async function benchCampaign(
  h: Harness,
  countRoundTrips: () => number,
  opts: { concurrency: number; seconds: number },
): Promise<CampaignBench> {
  // Setup outside the timings: 45 more schools, 120 staff each at every school, in bulk SQL.
  const [trust] = await h.sql<{ id: string }>(
    "select id from trusts where clerk_org_id = 'org_demo_pennine'",
  );
  await h.sql(
    `insert into schools (trust_id, name, urn) select $1, 'Bench School ' || g, (200000 + g)::text from generate_series(1, 45) g`,
    [trust!.id],
  );
  const schools = await h.sql<{ id: string }>('select id from schools where trust_id = $1 order by name', [
    trust!.id,
  ]);
  await h.sql(
    `with s as (select id, row_number() over (order by id) as n from schools where trust_id = $1),
          p as (insert into people (trust_id, name, email, job_title)
                select $1, 'Bench Person ' || s.n || '-' || g, 'bench' || s.n || '-' || g || '@bench.example.org', 'Teacher'
                  from s cross join generate_series(1, 120) g returning id, email)
     insert into school_memberships (trust_id, school_id, person_id, role)
     select $1, s.id, p.id, 'staff' from p join s on p.email like 'bench' || s.n || '-%'`,
    [trust!.id],
  );
  const clause = await h.request('POST', '/v1/clauses', {
    as: ADMIN,
    json: {
      category: 'passwords_access',
      title: 'Passwords',
      text: 'I will keep my passwords to myself at {{school.name}}.',
    },
  });
  const policy = await h.request('POST', '/v1/policies', {
    as: ADMIN,
    json: {
      title: 'Bench AUP',
      audiences: ['staff'],
      sections: [{ heading: null, clauseIds: [clause.body.id] }],
      statements: ['I agree.'],
    },
  });
  await h.request('POST', `/v1/policies/${policy.body.id}/publish`, { as: ADMIN, json: {} });
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const campaign = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: {
      name: 'Bench campaign',
      policyId: policy.body.id,
      schoolIds: schools.map((s) => s.id),
      audiences: ['staff'],
      dueAt,
    },
  });
  h.queue.drain();
  h.stack.mail.clear();

  let t = performance.now();
  const launched = await h.request('POST', `/v1/campaigns/${campaign.body.id}/launch`, { as: ADMIN });
  const launchMs = performance.now() - t;
  if (launched.status !== 202) throw new Error(`launch failed: ${launched.text.slice(0, 300)}`);

  const queued = h.queue.drain() as CampaignSendMessage[];
  t = performance.now();
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
    await handleQueueBatch(messages, h.env);
  }
  const drainMs = performance.now() - t;
  const mail = h.stack.mail.messages();
  const resendCalls = new Set(mail.map((m) => m.idempotency_key)).size;

  // Signers.
  const recipients = await h.sql<{ id: string }>(
    'select id from recipients where campaign_id = $1 order by id',
    [campaign.body.id],
  );
  const tokens = await Promise.all(recipients.map((r) => deriveToken(h.env.TOKEN_SECRET!, 'sign', r.id)));
  const body = { typedName: 'Bench Signer', statements: ['I agree.'] };
  let before = countRoundTrips();
  await h.request('GET', `/v1/sign/${tokens[0]}`);
  const pageRoundTrips = countRoundTrips() - before;
  before = countRoundTrips();
  await h.request('POST', `/v1/sign/${tokens[0]}`, { json: body });
  const signRoundTrips = countRoundTrips() - before; // includes the receipt (sent after the answer in a Worker)

  const pageTimes: number[] = [];
  const signTimes: number[] = [];
  let pageErrors = 0;
  let signErrors = 0;
  let next = 1;
  const deadline = performance.now() + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline && next < tokens.length) {
        const token = tokens[next++]!;
        let s = performance.now();
        const page = await h.request('GET', `/v1/sign/${token}`);
        pageTimes.push(performance.now() - s);
        if (page.status !== 200) pageErrors++;
        s = performance.now();
        const signed = await h.request('POST', `/v1/sign/${token}`, { json: body });
        signTimes.push(performance.now() - s);
        if (signed.status !== 200) signErrors++;
      }
    }),
  );
  return {
    schools: schools.length,
    recipients: launched.body.recipients,
    launchMs,
    drainMs,
    resendCalls,
    mailCaught: mail.length,
    pageRoundTrips,
    signRoundTrips,
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    page: summarise(pageTimes, pageErrors),
    sign: summarise(signTimes, signErrors),
  };
}
