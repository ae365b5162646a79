import { type ChildProcess, spawn } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalStack, repoRoot, startLocalStack } from '@attest/devstack/local-stack';
import { createScratchDatabase } from '@attest/devstack/scratch-database';
import { ADMIN } from '../apps/api/src/testing/harness.ts';
import { type BenchApi, launchCampaign, setUpCampaign, signingTokens } from './campaigns.ts';
import { type Latencies, type RequestsResult, SIGNATURE, type SignersResult } from './signers.ts';

// The signing load against the API as it runs in production: under workerd (`wrangler dev`),
// reaching a fresh database on the Postgres server through the dev stack's SQL door, with the
// signers in a process of their own (bench/load-signers.ts). The campaign is launched through
// the API, and Miniflare's queue delivers it to the real consumer, which mails the dev stack.

const here = dirname(fileURLToPath(import.meta.url));

export interface WorkerdCampaignBench extends SignersResult {
  schools: number;
  recipients: number;
  launchMs: number;
  /** From sending the launch request until the catcher holds every recipient's email. */
  allMailMs: number | null;
  mailCaught: number;
  resendCalls: number;
  /** Signatures the database holds after the run, the warm-up one included. */
  signaturesRecorded: number;
  concurrency: number;
  seconds: number;
  /** The machine's 1-minute load average as the signers started (other work shares the 2 cores). */
  loadAverage: number;
  /** CPU seconds each part used during the signing run (Linux /proc; empty elsewhere). */
  cpuSeconds: Record<string, number>;
  /** How long the CPU was counted: the run, then until its after-answer work was done. */
  cpuWindowSeconds: number;
  /** One signer alone for a few seconds before the load: the latency with no queue. */
  alone: { seconds: number; page: Latencies; sign: Latencies };
  /** Database round trips (requests to the SQL door) during the signing run. */
  sqlRequests: number;
  /** The budget: each kind of request alone, against the empty route, same connections and time. */
  throughput: Throughput;
  /** The Worker's own error log lines (the cause behind a 500), the first few. */
  workerErrors: string[];
}

/** DESIGN.md "Performance budgets": throughput as a share of the empty route's, under workerd. */
export const THROUGHPUT_TARGETS = { page: 0.5, sign: 0.45 } as const;

export interface ThroughputPhase {
  requests: Latencies;
  wallSeconds: number;
  requestsPerSecond: number;
  /** requestsPerSecond / the empty route's. */
  ratioToHealth: number;
  /** False when the phase ran out of tokens before its time was up (sign: each token signs once). */
  ranFullTime: boolean;
  loadAverage: number;
  /** CPU seconds each part used during the phase, as for the signing run. */
  cpuSeconds: Record<string, number>;
  cpuWindowSeconds: number;
  /** Requests the API made to the SQL door during the phase: its database round trips. */
  sqlRequests: number;
  errorSamples: string[];
}

export interface Throughput {
  connections: number;
  seconds: number;
  health: ThroughputPhase;
  page: ThroughputPhase;
  sign: ThroughputPhase;
}

interface ProcessCpu {
  ppid: number;
  cmd: string;
  seconds: number;
}

/** Every process's CPU time so far (user + system), from /proc; empty where there is none. */
function processCpu(): Map<number, ProcessCpu> {
  const all = new Map<number, ProcessCpu>();
  if (!existsSync('/proc/self/stat')) return all;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(entry), {
        ppid: Number(fields[1]),
        cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
        seconds: (Number(fields[11]) + Number(fields[12])) / 100, // clock ticks, USER_HZ = 100
      });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** The process listening on 127.0.0.1:port (here: the workerd running wrangler's dev proxy). */
function listenerPid(port: number, candidates: Iterable<number>): number | null {
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const line = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A'); // 0A: LISTEN
    if (!line) return null;
    const socket = `socket:[${line[9]}]`;
    for (const pid of candidates) {
      try {
        for (const fd of readdirSync(`/proc/${pid}/fd`))
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === socket) return pid;
      } catch {
        // not ours to read, or gone
      }
    }
  } catch {
    // no /proc/net/tcp
  }
  return null;
}

/**
 * CPU seconds by part between two snapshots: this process's descendants (workerd, wrangler's
 * Node process) and the Postgres backends serving the scratch database. This process and the
 * load generator measure themselves.
 */
function cpuByPart(
  before: Map<number, ProcessCpu>,
  after: Map<number, ProcessCpu>,
  database: string,
  apiPort: number,
) {
  const ours = new Set([process.pid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const [pid, p] of after)
      if (!ours.has(pid) && ours.has(p.ppid)) {
        ours.add(pid);
        grown = true;
      }
  }
  const workerds = [...ours].filter((pid) => after.get(pid)?.cmd.includes('workerd'));
  const proxy = listenerPid(apiPort, workerds);
  const parts: Record<string, number> = {};
  for (const [pid, p] of after) {
    let part: string | null = null;
    if (pid === process.pid) continue;
    if (ours.has(pid))
      part = !p.cmd.includes('workerd')
        ? "wrangler's Node process"
        : proxy === null
          ? 'workerd'
          : pid === proxy
            ? "workerd (wrangler's dev proxy)"
            : 'workerd (the API Worker)';
    else if (p.cmd.startsWith('postgres:') && p.cmd.includes(` ${database} `)) part = 'Postgres backends';
    if (!part) continue;
    parts[part] = (parts[part] ?? 0) + p.seconds - (before.get(pid)?.seconds ?? 0);
  }
  return parts;
}

const MAIL_WAIT_MS = 300_000;

// The API's database round trips under workerd, counted where they arrive: the dev stack's SQL
// door is an HTTP server in this process, and every query (or batch) the Neon driver sends is one
// POST to it. Node announces every request any server here receives; the door's port picks ours.
let sqlRequests = 0;
let sqlDoorPort = -1;
subscribe('http.server.request.start', (message) => {
  const { request, server } = message as {
    request: { url?: string };
    server: { address: () => { port: number } | string | null };
  };
  const address = server.address();
  if (typeof address === 'object' && address?.port === sqlDoorPort && request.url?.startsWith('/sql'))
    sqlRequests++;
});
const ALONE_SECONDS = 3;

export async function benchCampaignUnderWorkerd(
  serverUrl: string,
  opts: { concurrency: number; seconds: number },
): Promise<WorkerdCampaignBench> {
  const stateDir = mkdtempSync(join(tmpdir(), 'attest-bench-workerd-'));
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let stack: LocalStack | undefined;
  let loader: ChildProcess | undefined;
  // wrangler runs in its own process group, so a Ctrl-C on the bench would not reach it: stop it here.
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      if (loader && loader.exitCode === null && loader.signalCode === null) loader.kill('SIGKILL');
      await stack?.stop().catch((error) => console.error('stopping the local stack:', error));
      await scratch?.drop().catch((error) => console.error('dropping the scratch database:', error));
      rmSync(stateDir, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping wrangler and the dev stack`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    scratch = await createScratchDatabase(serverUrl, 'attest_bench');
    stack = await startLocalStack({ web: false, seedLibrary: false, databaseUrl: scratch.url, stateDir });
    const { devstack, apiUrl } = stack;
    sqlDoorPort = Number(new URL(devstack.sqlEndpoint).port);
    const secret = readFileSync(join(stateDir, 'token-secret'), 'utf8').trim();
    const account = (await stack.accounts()).find((a) => a.email === ADMIN);
    if (!account) throw new Error(`no demo account ${ADMIN}`);
    const bearer = await devstack.issueToken({
      userId: account.userId,
      orgId: account.orgId,
      orgRole: account.orgRole,
      email: ADMIN,
      expiresInSeconds: 3600,
    });
    const api: BenchApi = {
      sql: async <T>(text: string, params: unknown[] = []) =>
        (await devstack.pg.query(text, params)).rows as T[],
      admin: async (method, path, json) => {
        const res = await fetch(`${apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: json === undefined ? undefined : JSON.stringify(json),
        });
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: leave the text
        }
        return { status: res.status, body, text };
      },
    };

    const { campaignId, schools } = await setUpCampaign(api);
    devstack.mail.clear();
    const launchedAt = performance.now();
    const { launchMs, recipients } = await launchCampaign(api, campaignId);
    let caught = devstack.mail.messages();
    while (caught.length < recipients && performance.now() - launchedAt < MAIL_WAIT_MS) {
      await new Promise((r) => setTimeout(r, 100));
      caught = devstack.mail.messages();
    }
    const allMailMs = caught.length >= recipients ? performance.now() - launchedAt : null;
    if (allMailMs === null)
      console.warn(`workerd: ${caught.length} of ${recipients} emails caught after ${MAIL_WAIT_MS / 1000} s`);
    const resendCalls = new Set(caught.map((m) => m.idempotency_key)).size;

    // The load generator: a process of its own, given its tokens in a file (kept out of argv).
    const loadGenerator = async <R>(
      mode: 'round' | 'page' | 'sign' | 'health',
      batch: string[],
      concurrency: number,
      seconds: number,
    ) => {
      const tokensFile = join(stateDir, `tokens-${mode}-${concurrency}.json`);
      writeFileSync(tokensFile, JSON.stringify(batch), { mode: 0o600 });
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(here, 'load-signers.ts'),
          mode,
          apiUrl,
          String(concurrency),
          String(seconds),
          tokensFile,
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      loader = child;
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk;
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      const code = await new Promise<number | null>((done, fail) => {
        child.once('error', fail);
        child.once('exit', (exitCode) => done(exitCode));
        // Every request has its own 60 s limit; past that something is stuck.
        setTimeout(() => fail(new Error('load generator did not finish')), (seconds + 180) * 1000).unref();
      });
      if (code !== 0) throw new Error(`load generator exited with ${code}:\n${stderr.slice(-2000)}`);
      return JSON.parse(stdout) as R & { cpuSeconds: number };
    };

    // Between phases, until the SQL door has been quiet for a second: work a phase left behind
    // (receipts sent after the answer, the queue consumer's last writes) is not the next one's.
    // (At most 30 s: an idle API makes no queries, so anything longer is worth a look, not a hang.)
    const quiet = async () => {
      const giveUp = performance.now() + 30_000;
      for (let last = -1; last !== sqlRequests && performance.now() < giveUp; ) {
        last = sqlRequests;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };

    // Everything the load generator starts is timed from its process, and every part's CPU
    // and the SQL door's requests (the API's database round trips) are counted around it.
    const database = new URL(scratch.url).pathname.slice(1);
    const apiPort = Number(new URL(apiUrl).port);
    const accounted = async <R>(run: () => Promise<R & { cpuSeconds: number }>) => {
      const loadAverage = loadavg()[0]!;
      const started = performance.now();
      const cpuBefore = processCpu();
      const benchCpuBefore = process.cpuUsage();
      const sqlBefore = sqlRequests;
      const { cpuSeconds: loaderCpu, ...result } = await run();
      // The work the answers left behind (receipts) is the phase's too, in its CPU and round trips.
      await quiet();
      const benchCpu = process.cpuUsage(benchCpuBefore);
      const cpuSeconds = {
        ...cpuByPart(cpuBefore, processCpu(), database, apiPort),
        'bench process (SQL door, mail catcher)': (benchCpu.user + benchCpu.system) / 1e6,
        'load generator': loaderCpu,
      };
      const cpuWindowSeconds = (performance.now() - started) / 1000;
      return { result, loadAverage, cpuSeconds, cpuWindowSeconds, sqlRequests: sqlRequests - sqlBefore };
    };

    // The empty route first, before any signing work can be in flight: it must answer without the
    // database (routes/health.ts is mounted before the middleware that reads the environment), or
    // it would be no yardstick.
    await quiet();
    const sqlBeforeHealth = sqlRequests;
    const warmHealth = await fetch(`${apiUrl}/health`);
    await warmHealth.arrayBuffer();
    if (warmHealth.status !== 200) throw new Error(`warm-up: health ${warmHealth.status}`);
    if (sqlRequests !== sqlBeforeHealth) throw new Error('GET /health reached the database');

    // The budget's yardstick and the two requests it is set for, each alone with the same
    // connections and time: the empty route, the page, the signature.
    const phase = async (mode: 'health' | 'page' | 'sign', batch: string[]): Promise<ThroughputPhase> => {
      const {
        result,
        loadAverage,
        cpuSeconds,
        cpuWindowSeconds,
        sqlRequests: trips,
      } = await accounted(() => loadGenerator<RequestsResult>(mode, batch, opts.concurrency, opts.seconds));
      if (result.errorSamples.length) console.warn(`workerd ${mode} errors:`, result.errorSamples);
      const requestsPerSecond = result.requests.count / result.wallSeconds;
      return {
        ...result,
        requestsPerSecond,
        ratioToHealth: Number.NaN,
        loadAverage,
        cpuSeconds,
        cpuWindowSeconds,
        sqlRequests: trips,
      };
    };
    const health = await phase('health', []);

    // The first signer, from here and alone, warms the signing routes up; the rest go to the load generator.
    const tokens = await signingTokens(api, campaignId, secret);
    const warm = await fetch(`${apiUrl}/v1/sign/${tokens[0]}`);
    await warm.arrayBuffer();
    const warmSign = await fetch(`${apiUrl}/v1/sign/${tokens[0]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SIGNATURE),
    });
    await warmSign.arrayBuffer();
    if (warm.status !== 200 || warmSign.status !== 200)
      throw new Error(`warm-up signer: page ${warm.status}, sign ${warmSign.status}`);

    // One signer alone: what a request costs when nothing waits in front of it (once the warm-up
    // signer's receipt is out).
    await quiet();
    const { result: alone } = await accounted(() =>
      loadGenerator<SignersResult>('round', tokens.slice(1, 201), 1, ALONE_SECONDS),
    );
    // The rest of the tokens: half for the signers' rounds, the other half (and whatever the rounds
    // leave) for the signature POSTs alone; the page phase reads the latter before they are signed.
    const rest = tokens.slice(201);
    const roundTokens = rest.slice(0, Math.floor(rest.length / 2));
    const signTokens = rest.slice(roundTokens.length);
    const page = await phase('page', signTokens);

    // The signers as they come: each opens the page, then signs.
    const round = await accounted(() =>
      loadGenerator<SignersResult>('round', roundTokens, opts.concurrency, opts.seconds),
    );
    const signers = round.result;
    for (const run of [alone, signers])
      if (run.errorSamples.length) console.warn('workerd signing errors:', run.errorSamples);

    // Each round takes one token (its page and its signature), in order: the unused ones sign next.
    const sign = await phase('sign', [...roundTokens.slice(signers.page.count), ...signTokens]);
    for (const p of [health, page, sign]) p.ratioToHealth = p.requestsPerSecond / health.requestsPerSecond;

    const [recorded] = await api.sql<{ n: string }>(
      'select count(*) as n from signatures s join recipients r on r.id = s.recipient_id where r.campaign_id = $1',
      [campaignId],
    );
    return {
      schools,
      recipients,
      launchMs,
      allMailMs,
      mailCaught: caught.length,
      resendCalls,
      signaturesRecorded: Number(recorded!.n),
      concurrency: opts.concurrency,
      seconds: opts.seconds,
      loadAverage: round.loadAverage,
      cpuSeconds: round.cpuSeconds,
      cpuWindowSeconds: round.cpuWindowSeconds,
      sqlRequests: round.sqlRequests,
      alone: { seconds: ALONE_SECONDS, page: alone.page, sign: alone.sign },
      throughput: { connections: opts.concurrency, seconds: opts.seconds, health, page, sign },
      // A 500's answer names only a reference: the cause is in the Worker's log (app.ts onError).
      workerErrors: stack
        .logs()
        .split('\n')
        .filter((line) => line.includes('"level":"error"'))
        .slice(0, 5),
      ...signers,
    };
  } catch (error) {
    if (stack) console.error(`wrangler dev output (last 4,000 characters):\n${stack.logs().slice(-4000)}`);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
