// The signing load, shared by the in-process measurement (bench/campaigns.ts) and the separate
// load generator that drives the API under workerd (bench/load-signers.ts). Kept free of imports
// so the load generator's process loads nothing but this.

export interface Latencies {
  count: number;
  errors: number;
  median: number;
  p95: number;
  p99: number;
}

export interface SignersResult {
  page: Latencies;
  sign: Latencies;
  /** Time from the first request to the last answer, for throughput. */
  wallSeconds: number;
  /** The first few failures, as "page 500" or "sign TypeError: fetch failed", to say what went wrong. */
  errorSamples: string[];
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export const summarise = (times: number[], errors: number): Latencies => {
  const s = [...times].sort((a, b) => a - b);
  return { count: s.length, errors, median: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
};

/** Times one call; a non-200 status or a throw is an error, timed like any answer. */
function timer(errorSamples: string[] = []) {
  const times: number[] = [];
  let errors = 0;
  const timed = async (kind: string, call: () => Promise<number>) => {
    const start = performance.now();
    let failure: string | null = null;
    try {
      const status = await call();
      if (status !== 200) failure = `${kind} ${status}`;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      failure = `${kind} ${String(error)}${cause ? ` (${String(cause)})` : ''}`;
    }
    times.push(performance.now() - start);
    if (failure) {
      errors++;
      if (errorSamples.length < 10) errorSamples.push(failure);
    }
  };
  return { timed, times, errorSamples, errors: () => errors };
}

/**
 * `concurrency` signers, each in a loop until `seconds` are up or the tokens run out: open the
 * signing page, then sign. `openPage` and `sign` return the HTTP status (200 expected); a throw
 * counts as an error too, timed like any answer.
 */
export async function runSigners(opts: {
  tokens: readonly string[];
  concurrency: number;
  seconds: number;
  openPage: (token: string) => Promise<number>;
  sign: (token: string) => Promise<number>;
}): Promise<SignersResult> {
  const errorSamples: string[] = []; // both kinds', in the order they happened
  const page = timer(errorSamples);
  const sign = timer(errorSamples);
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline && next < opts.tokens.length) {
        const token = opts.tokens[next++]!;
        await page.timed('page', () => opts.openPage(token));
        await sign.timed('sign', () => opts.sign(token));
      }
    }),
  );
  return {
    page: summarise(page.times, page.errors()),
    sign: summarise(sign.times, sign.errors()),
    wallSeconds: (performance.now() - started) / 1000,
    errorSamples,
  };
}

export interface RequestsResult {
  requests: Latencies;
  wallSeconds: number;
  /** False when the calls ran out (`count` reached) before the time was up. */
  ranFullTime: boolean;
  errorSamples: string[];
}

/**
 * One kind of request, for throughput: `concurrency` loops, each sending the next call as soon as
 * the last one answered, until `seconds` are up or `count` calls have been made. `call(i)` gets
 * the call's number (0, 1, …) and returns the HTTP status.
 */
export async function runRequests(opts: {
  kind: string;
  concurrency: number;
  seconds: number;
  count?: number;
  call: (i: number) => Promise<number>;
}): Promise<RequestsResult> {
  const t = timer();
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const limit = opts.count ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline && next < limit) {
        const i = next++;
        await t.timed(opts.kind, () => opts.call(i));
      }
    }),
  );
  return {
    requests: summarise(t.times, t.errors()),
    wallSeconds: (performance.now() - started) / 1000,
    ranFullTime: next < limit,
    errorSamples: t.errorSamples,
  };
}

export const SIGNATURE = { typedName: 'Bench Signer', statements: ['I agree.'] };
