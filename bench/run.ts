import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { neonConfig } from '@neondatabase/serverless';
import { ADMIN, startHarness } from '../apps/api/src/testing/harness.ts';
import { benchCampaign, type CampaignBench } from './campaigns.ts';
import { benchEvidence, type EvidenceBench, type PdfTimings } from './evidence.ts';
import {
  benchCampaignUnderWorkerd,
  THROUGHPUT_TARGETS,
  type ThroughputPhase,
  type WorkerdCampaignBench,
} from './workerd.ts';

// `npm run bench`: measured numbers, never timed assertions. Runs the real Hono app in-process
// through the real Neon HTTP driver and the dev stack's door to PGlite (or, with
// HARNESS_DATABASE=server and TEST_DATABASE_URL, the Postgres server), counting every database round
// trip the driver makes. With TEST_DATABASE_URL, the signing load runs a second time against the
// API under workerd (wrangler dev) with the signers in a separate process (bench/workerd.ts),
// which also loads the empty route (/health), the page alone and the signature alone with the same
// connections and time, for the throughput budget (DESIGN.md). Writes bench/RESULTS.md.
//
// Knobs: BENCH_ITERATIONS (30), BENCH_SIGNERS (200), BENCH_SIGN_SECONDS (30), BENCH_WORKERD=0 to
// skip the workerd phase.

const here = dirname(fileURLToPath(import.meta.url));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const SIGNERS = Number(process.env.BENCH_SIGNERS ?? 200);
const SIGN_SECONDS = Number(process.env.BENCH_SIGN_SECONDS ?? 30);

let roundTrips = 0;
const realFetch = globalThis.fetch;
neonConfig.fetchFunction = (input: RequestInfo | URL, init?: RequestInit) => {
  roundTrips++;
  return realFetch(input, init);
};

interface Result {
  scenario: string;
  n: number;
  median: number;
  p95: number;
  roundTrips: number;
  note: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure<T = undefined>(
  scenario: string,
  n: number,
  note: string,
  run: (i: number, prepared: T) => Promise<void>,
  prepare: (i: number) => Promise<T> = async () => undefined as T,
): Promise<Result> {
  await run(-1, await prepare(-1)); // warm-up: JIT, PGlite caches
  const times: number[] = [];
  const trips: number[] = [];
  for (let i = 0; i < n; i++) {
    const prepared = await prepare(i); // setup outside the timed block
    const before = roundTrips;
    const t = performance.now();
    await run(i, prepared);
    times.push(performance.now() - t);
    trips.push(roundTrips - before);
  }
  times.sort((a, b) => a - b);
  const result = {
    scenario,
    n,
    median: percentile(times, 50),
    p95: percentile(times, 95),
    roundTrips: Math.max(...trips),
    note,
  };
  console.log(
    `${scenario}: median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.roundTrips} round trips`,
  );
  return result;
}

const h = await startHarness();
const results: Result[] = [];
try {
  // A trust with 5,000 more people in one big school, for the directory and the importer.
  const school = (
    await h.request('POST', '/v1/schools', { as: ADMIN, json: { name: 'Bench Academy', phase: 'secondary' } })
  ).body;
  const csv = (tag: string) =>
    [
      'name,email,job title,role',
      ...Array.from({ length: 5000 }, (_, i) => `Person ${i},p${i}.${tag}@bench.example.org,Teacher,staff`),
    ].join('\n');
  const seeded = await h.request('POST', `/v1/schools/${school.id}/people/import`, {
    as: ADMIN,
    body: csv('base'),
    headers: { 'content-type': 'text/csv' },
  });
  if (seeded.body.summary?.added !== 5000) throw new Error(`seeding failed: ${seeded.text.slice(0, 300)}`);
  const token = await h.token(ADMIN, { expiresInSeconds: 3600 });

  results.push(
    await measure(
      'GET /v1/people (trust of ~5,180, page of 50)',
      ITERATIONS,
      'first page, trust admin, no filter',
      async () => {
        const res = await h.request('GET', '/v1/people?limit=50', { token });
        if (res.status !== 200) throw new Error(res.text);
      },
    ),
  );
  results.push(
    await measure(
      'GET /v1/people?q= (search)',
      ITERATIONS,
      'search by a name fragment across the trust',
      async () => {
        const res = await h.request('GET', '/v1/people?q=person 49&limit=50', { token });
        if (res.status !== 200) throw new Error(res.text);
      },
    ),
  );
  results.push(
    await measure<string>(
      'POST /v1/schools/{id}/people/import (5,000 new rows)',
      Math.max(3, Math.floor(ITERATIONS / 6)),
      'each run imports a fresh 5,000-row file into a new school',
      async (i, targetId) => {
        const res = await h.request('POST', `/v1/schools/${targetId}/people/import`, {
          token,
          body: csv(`run${i}`),
          headers: { 'content-type': 'text/csv' },
        });
        if (res.body.summary?.added !== 5000) throw new Error(res.text.slice(0, 300));
      },
      async (i) =>
        (await h.request('POST', '/v1/schools', { as: ADMIN, json: { name: `Bench Import ${i}` } })).body
          .id as string,
    ),
  );
  results.push(
    await measure(
      'POST …/people/import (same 5,000 rows again)',
      Math.max(3, Math.floor(ITERATIONS / 6)),
      'nothing to write: all unchanged',
      async () => {
        const res = await h.request('POST', `/v1/schools/${school.id}/people/import`, {
          token,
          body: csv('base'),
          headers: { 'content-type': 'text/csv' },
        });
        if (res.body.summary?.unchanged !== 5000) throw new Error(res.text.slice(0, 300));
      },
    ),
  );
} finally {
  await h.stop();
}

const database =
  process.env.HARNESS_DATABASE === 'server'
    ? 'Postgres server (127.0.0.1:5432)'
    : 'PGlite (in-process, WASM)';

// The campaign scenario runs on the Postgres server when there is one: PGlite serialises every
// statement on one session, which would measure the stand-in rather than the code.
let campaign: CampaignBench | null = null;
let campaignDatabase = 'PGlite (in-process, WASM)';
if (process.env.TEST_DATABASE_URL) {
  process.env.HARNESS_DATABASE = 'server';
  campaignDatabase = 'Postgres server (127.0.0.1:5432), reached through the Neon HTTP door';
}
{
  const hc = await startHarness();
  try {
    campaign = await benchCampaign(hc, () => roundTrips, { concurrency: SIGNERS, seconds: SIGN_SECONDS });
    console.log(JSON.stringify(campaign, null, 2));
  } finally {
    await hc.stop();
  }
}
// Evidence PDFs: rendering in the request, on the same database as the campaign scenario.
let evidence: EvidenceBench | null = null;
{
  const he = await startHarness();
  try {
    evidence = await benchEvidence(he, () => roundTrips, Math.max(5, Math.floor(ITERATIONS / 2)));
    console.log(JSON.stringify(evidence, null, 2));
  } finally {
    await he.stop();
  }
}
const pdfRow = (what: string, t: PdfTimings) =>
  `| ${what} | ${t.runs} | ${t.median.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.roundTrips} | ${(t.bytes / 1024).toFixed(1)} KiB | ${t.pages} |`;

// The same campaign against the API under workerd, with the signers in a process of their own.
// Only on the Postgres server: on PGlite the one session would be all there is to measure.
let workerd: WorkerdCampaignBench | null = null;
let workerdSkipped = '';
if (process.env.BENCH_WORKERD === '0') workerdSkipped = 'Not run (BENCH_WORKERD=0).';
else if (!process.env.TEST_DATABASE_URL)
  workerdSkipped =
    'Not run: it needs a Postgres server (TEST_DATABASE_URL). PGlite serialises every statement on one session, so it would measure the stand-in rather than the Worker.';
else {
  const t = performance.now();
  workerd = await benchCampaignUnderWorkerd(process.env.TEST_DATABASE_URL, {
    concurrency: SIGNERS,
    seconds: SIGN_SECONDS,
  });
  console.log(JSON.stringify(workerd, null, 2));
  const { health, page, sign } = workerd.throughput;
  console.log(
    `throughput: /health ${health.requestsPerSecond.toFixed(0)} req/s; page ${page.requestsPerSecond.toFixed(0)} req/s (${page.ratioToHealth.toFixed(2)} of it, target ${THROUGHPUT_TARGETS.page}); signature ${sign.requestsPerSecond.toFixed(0)} req/s (${sign.ratioToHealth.toFixed(2)}, target ${THROUGHPUT_TARGETS.sign}); errors ${health.requests.errors + page.requests.errors + sign.requests.errors}`,
  );
  console.log(`workerd phase: ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
if (workerdSkipped) console.log(workerdSkipped);
const ms = (n: number) => n.toFixed(1);

// The budget (DESIGN.md "Performance budgets"): each request's throughput under workerd as a share
// of the empty route's, every phase with the same connections and time, in the same run.
let throughputMd = '';
if (workerd) {
  const { health, page, sign, connections, seconds } = workerd.throughput;
  const verdict = (p: ThroughputPhase, target: number) =>
    `≥ ${target.toFixed(2)}: ${p.ratioToHealth >= target && p.requests.errors === 0 ? 'met' : 'missed'}`;
  const row = (what: string, p: ThroughputPhase, target: string) =>
    `| ${what} | ${p.requests.count.toLocaleString('en-GB')} | ${p.requests.errors} | ${p.requestsPerSecond.toFixed(0)} | ${p.ratioToHealth.toFixed(2)} | ${target} | ${ms(p.requests.median)} | ${ms(p.requests.p95)} | ${ms(p.requests.p99)} | ${(p.sqlRequests / Math.max(1, p.requests.count)).toFixed(2)} | ${p.loadAverage.toFixed(1)} |`;
  const phases = [
    ['/health', health],
    ['page', page],
    ['signature', sign],
  ] as const;
  const parts = [...new Set(phases.flatMap(([, p]) => Object.keys(p.cpuSeconds)))];
  const perRequest = (p: ThroughputPhase, seconds: number) =>
    ((seconds * 1000) / Math.max(1, p.requests.count)).toFixed(2);
  const total = (p: ThroughputPhase) => Object.values(p.cpuSeconds).reduce((a, b) => a + b, 0);
  const cpuPer = (p: ThroughputPhase) => total(p) / Math.max(1, p.requests.count);
  // What this machine would still spend per request if the stand-ins for Neon and Resend (the bench
  // process's SQL door and mail catcher, the Postgres backends) ran elsewhere, as in production.
  const apiPer = (p: ThroughputPhase) =>
    Object.entries(p.cpuSeconds)
      .filter(([part]) => !/SQL door|Postgres/.test(part))
      .reduce((sum, [, seconds]) => sum + seconds, 0) / Math.max(1, p.requests.count);
  const front = (p: ThroughputPhase) =>
    Object.entries(p.cpuSeconds)
      .filter(([part]) => /load generator|dev proxy|wrangler's Node/.test(part))
      .reduce((sum, [, seconds]) => sum + seconds, 0);
  const cpuRows = parts
    .sort((a, b) => (sign.cpuSeconds[b] ?? 0) - (sign.cpuSeconds[a] ?? 0))
    .map(
      (part) => `| ${part} | ${phases.map(([, p]) => perRequest(p, p.cpuSeconds[part] ?? 0)).join(' | ')} |`,
    );
  const ranShort = phases.filter(([, p]) => !p.ranFullTime).map(([what]) => what);
  throughputMd = `#### Throughput against the empty route (the budget)

Each request alone, ${connections} connections for ${seconds} s, one phase after another in this run: first
\`GET /health\`, the yardstick (an empty route: it is mounted before the middleware that reads the
environment, so it opens no database; ${health.sqlRequests} requests reached the SQL door in its phase), then the
signing page (cycling through links not yet signed: reading changes nothing), then the signature
POST (each link once: a repeat would take the cheaper path that writes nothing). Requests per
second are answers over the time from the first request to the last answer.${
    ranShort.length ? ` ${ranShort.join(', ')}: ran out of links before the time was up.` : ''
  }

| phase | requests | errors | req/s | ratio to /health | target | median ms | p95 ms | p99 ms | DB round trips / request (SQL door) | load average |
| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |
${row('GET /health', health, '')}
${row('GET /v1/sign/{token}', page, verdict(page, THROUGHPUT_TARGETS.page))}
${row('POST /v1/sign/{token}', sign, verdict(sign, THROUGHPUT_TARGETS.sign))}

The POST's round trips at the SQL door include its receipt's read (sent after the answer); before
the answer it makes 1 (counted in-process above). Load average: the machine's, as each phase began.

CPU per request (ms) by part, in each phase (the receipts' work, done after the answers, included):

| part | /health | page | signature |
| --- | ---: | ---: | ---: |
${cpuRows.join('\n')}
| all parts | ${phases.map(([, p]) => perRequest(p, total(p))).join(' | ')} |

With every part on the same 2 cores, a phase that keeps them busy serves about 2 CPU-seconds a
second divided by its CPU per request, so the CPU alone would put the ratios at ${(cpuPer(health) / cpuPer(page)).toFixed(2)} (page) and
${(cpuPer(health) / cpuPer(sign)).toFixed(2)} (signature); without the share of the stand-ins for Neon and Resend (the Postgres
backends, the bench process's SQL door and mail catcher), which in production run elsewhere, at ${(apiPer(health) / apiPer(page)).toFixed(2)} and ${(apiPer(health) / apiPer(sign)).toFixed(2)}. Of the empty route's ${perRequest(health, total(health))} ms, ${perRequest(
    health,
    front(health),
  )} ms is the path in front of the Worker (the load generator, wrangler's dev proxy and Node process), which every request pays.
`;
}
// Little's law: with every signer always busy, a round (page, then sign) lasts signers / rate.
let workerdQueueNote = '';
if (workerd) {
  const rate = workerd.sign.count / workerd.wallSeconds;
  const roundSeconds = workerd.concurrency / rate;
  workerdQueueNote = `At ${rate.toFixed(0)} signatures a second, each of the ${workerd.concurrency} signers' rounds (page, then sign) takes ${roundSeconds.toFixed(1)} s on average (Little's law).`;
  const parts = Object.entries(workerd.cpuSeconds);
  if (parts.some(([part]) => part.startsWith('workerd'))) {
    const cpuPerRound =
      parts.reduce((sum, [, seconds]) => sum + seconds, 0) / Math.max(1, workerd.sign.count);
    workerdQueueNote += ` All the parts together used ${(cpuPerRound * 1000).toFixed(0)} ms of CPU per round (below)${
      roundSeconds > 5 * cpuPerRound
        ? ': under this load the latency is mostly time spent waiting (for the 2 cores, shared with whatever else runs), not working'
        : ''
    }.`;
  }
  workerdQueueNote += ' The lone signer shows what a request costs with nobody in front of it.\n';
}
const table = [
  '| scenario | runs | median ms | p95 ms | DB round trips / request | note |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...results.map(
    (r) =>
      `| ${r.scenario} | ${r.n} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.roundTrips} | ${r.note} |`,
  ),
].join('\n');
// The Worker bundle as wrangler would upload it (budget: under 1 MiB gzipped).
const dryRun = spawnSync(
  join(here, '../node_modules/.bin/wrangler'),
  ['deploy', '--dry-run', '--outdir', '/tmp/attest-bench-bundle'],
  {
    cwd: join(here, '..'),
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  },
);
const bundle = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(`${dryRun.stdout}${dryRun.stderr}`);
const bundleLine = bundle
  ? `API Worker bundle: ${bundle[1]}, ${bundle[2]} gzipped (budget 1 MiB gzipped).`
  : 'API Worker bundle: not measured (wrangler dry run failed).';

const md = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: 2 cores, Node ${process.versions.node}. Database: ${database}. The API is the real Hono app in-process,
reaching Postgres through the Neon HTTP driver and the dev stack's SQL endpoint; round trips are
counted at the driver's fetch (the most any one request of the scenario made). Setup, such as
creating the school a fresh import goes into, happens outside the timed block.

${bundleLine}

## Directory and staff-list import (issue 2)

${table}

Round trips per request include the session check (1: trust, user and roles in one query).

## Signing campaign (issue 4)

Database: ${campaignDatabase}. ${
  campaign
    ? `${campaign.recipients.toLocaleString('en-GB')} recipients across ${campaign.schools} schools.

| measure | value |
| --- | --- |
| launch request (writes recipients, enqueues) | ${campaign.launchMs.toFixed(0)} ms |
| queue drain (consumer, ${Math.ceil(campaign.recipients / 100)} messages in fives) | ${(campaign.drainMs / 1000).toFixed(1)} s |
| Resend calls | ${campaign.resendCalls} (budget ⌈n/100⌉ = ${Math.ceil(campaign.recipients / 100)}) |
| mail caught | ${campaign.mailCaught.toLocaleString('en-GB')} |
| DB round trips: signing page | ${campaign.pageRoundTrips} (budget 1) |
| DB round trips: signature POST, before its answer | ${campaign.signRoundTrips} (budget 1: the link's checks, the insert, the status and the page read back, in one transaction) |
| DB round trips: after the POST's answer | ${campaign.signAfterAnswerRoundTrips} (the receipt's read, then its email; handed to \`waitUntil\`) |

Round trips are the most any of ${campaign.roundTripSigners} signers alone made, counted at the driver's fetch. The
requests go to the app with an execution context, as in the Worker: its \`waitUntil\` keeps the work
handed to it (the receipt) for after the answer. The POST's count is read the moment its answer is
ready and the rest once that work is done; the receipts are checked to have reached the mail catcher.
(Without an execution context the route sends the receipt before answering, and would count 2.)

### Signing in-process (one Node process)

${campaign.concurrency} concurrent signers for ${campaign.seconds} s (each: open the page, then sign); load average ${campaign.loadAverage.toFixed(1)} as they started:

| request | count | errors | median ms | p95 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: | ---: |
| GET /v1/sign/{token} | ${campaign.page.count} | ${campaign.page.errors} | ${ms(campaign.page.median)} | ${ms(campaign.page.p95)} | ${ms(campaign.page.p99)} |
| POST /v1/sign/{token} | ${campaign.sign.count} | ${campaign.sign.errors} | ${ms(campaign.sign.median)} | ${ms(campaign.sign.p95)} | ${ms(campaign.sign.p99)} |

The API (Hono's \`app.request\`), the signers and the SQL door all share one Node event loop
here, so each signer's latency includes waiting behind everyone else's work in that loop (the
receipts too, which run after each answer and are not in its time). The tables below run the API as
it runs in production.
`
    : 'not run'
}
### Signing under workerd (separate load generator)

${
  workerd
    ? `The API under \`wrangler dev\` (workerd, the Workers runtime) on a fresh database of its own on the
Postgres server, reached through the dev stack's Neon HTTP door as in production it reaches Neon.
The campaign is set up the same way (${workerd.recipients.toLocaleString('en-GB')} recipients across ${workerd.schools} schools) and launched
through the API; Miniflare's local queue delivers it to the real consumer, which sends through the
dev stack's Resend-compatible mail catcher.

What runs where, all on the same 2 cores (shared with whatever else the machine is doing):

- workerd (two processes: wrangler's dev proxy in front, then the API Worker and its queue consumer),
  with wrangler's own Node process supervising them;
- the bench process (Node): the SQL door, the mail catcher and the identity issuer;
- the load generator (bench/load-signers.ts), a Node process of its own, calling the API's URL with fetch;
  latencies are measured there, from sending the request to the last byte of the answer;
- the Postgres server.

| measure | value |
| --- | --- |
| launch request (writes recipients, enqueues) | ${workerd.launchMs.toFixed(0)} ms |
| launch until every email is caught (Miniflare queue, real consumer) | ${
        workerd.allMailMs === null
          ? `not all: ${workerd.mailCaught.toLocaleString('en-GB')} of ${workerd.recipients.toLocaleString('en-GB')} caught in 5 min`
          : `${(workerd.allMailMs / 1000).toFixed(1)} s`
      } |
| Resend calls (distinct idempotency keys in caught mail) | ${workerd.resendCalls} (budget ⌈n/100⌉ = ${Math.ceil(workerd.recipients / 100)}) |
| mail caught | ${workerd.mailCaught.toLocaleString('en-GB')} |
| signatures recorded after the runs (the warm-up and lone signers included) | ${workerd.signaturesRecorded.toLocaleString('en-GB')} |

${throughputMd}
#### The signers as they come

${workerd.concurrency} concurrent signers for ${workerd.seconds} s (each: open the page, then sign), ${(
        workerd.sign.count / workerd.wallSeconds
      ).toFixed(0)} signatures a second; load average ${workerd.loadAverage.toFixed(1)} as they started:

| request | count | errors | median ms | p95 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: | ---: |
| GET /v1/sign/{token} | ${workerd.page.count} | ${workerd.page.errors} | ${ms(workerd.page.median)} | ${ms(workerd.page.p95)} | ${ms(workerd.page.p99)} |
| POST /v1/sign/{token} | ${workerd.sign.count} | ${workerd.sign.errors} | ${ms(workerd.sign.median)} | ${ms(workerd.sign.p95)} | ${ms(workerd.sign.p99)} |
| GET, one signer alone (${workerd.alone.seconds} s, before the load) | ${workerd.alone.page.count} | ${workerd.alone.page.errors} | ${ms(workerd.alone.page.median)} | ${ms(workerd.alone.page.p95)} | ${ms(workerd.alone.page.p99)} |
| POST, one signer alone | ${workerd.alone.sign.count} | ${workerd.alone.sign.errors} | ${ms(workerd.alone.sign.median)} | ${ms(workerd.alone.sign.p95)} | ${ms(workerd.alone.sign.p99)} |

${workerdQueueNote}
${workerd.errorSamples.length ? `\nFirst errors: ${workerd.errorSamples.map((e) => `\`${e}\``).join(', ')}.\n` : ''}${
  workerd.workerErrors.length
    ? `\nThe Worker's error log (first ${workerd.workerErrors.length}):\n\n${workerd.workerErrors.map((line) => `    ${line.slice(0, 1500)}`).join('\n')}\n`
    : ''
}
CPU used during the signing run and its receipts (${workerd.cpuWindowSeconds.toFixed(1)} s, so ${(2 * workerd.cpuWindowSeconds).toFixed(0)} CPU-seconds on 2 cores): ${
        Object.keys(workerd.cpuSeconds).length
          ? Object.entries(workerd.cpuSeconds)
              .sort(([, a], [, b]) => b - a)
              .map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`)
              .join(', ')
          : 'not measured (no /proc)'
      }.
The API's requests to the SQL door during the run (its database round trips, the receipts'
included): ${workerd.sqlRequests.toLocaleString('en-GB')}, ${(workerd.sqlRequests / Math.max(1, workerd.page.count)).toFixed(2)} per round (page 1, signature 1, receipt 1).
`
    : workerdSkipped
}
`;
const evidenceMd = evidence
  ? `## Evidence PDFs (issue 4)

${evidence.policy} at ${evidence.school} (its canonical text: ${evidence.textChars.toLocaleString('en-GB')} characters), ${evidence.signatures} signatures and ${evidence.outstanding} not signed. Rendered in the request, as in the Worker; round trips include the session check.

| download | runs | median ms | p95 ms | DB round trips | size | pages |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${pdfRow('GET …/schools/{schoolId}/evidence.pdf (evidence pack)', evidence.pack)}
${pdfRow('GET /v1/sign/{token}/copy.pdf (signed copy)', evidence.copy)}
`
  : '';
writeFileSync(join(here, 'RESULTS.md'), `${md}\n${evidenceMd}`);
console.log(`\nwrote ${join(here, 'RESULTS.md')}`);
