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
  const times = { page: [] as number[], sign: [] as number[] };
  const errors = { page: 0, sign: 0 };
  const errorSamples: string[] = [];
  const timed = async (kind: 'page' | 'sign', call: () => Promise<number>) => {
    const start = performance.now();
    let failure: string | null = null;
    try {
      const status = await call();
      if (status !== 200) failure = `${kind} ${status}`;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      failure = `${kind} ${String(error)}${cause ? ` (${String(cause)})` : ''}`;
    }
    times[kind].push(performance.now() - start);
    if (failure) {
      errors[kind]++;
      if (errorSamples.length < 10) errorSamples.push(failure);
    }
  };
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline && next < opts.tokens.length) {
        const token = opts.tokens[next++]!;
        await timed('page', () => opts.openPage(token));
        await timed('sign', () => opts.sign(token));
      }
    }),
  );
  return {
    page: summarise(times.page, errors.page),
    sign: summarise(times.sign, errors.sign),
    wallSeconds: (performance.now() - started) / 1000,
    errorSamples,
  };
}

export const SIGNATURE = { typedName: 'Bench Signer', statements: ['I agree.'] };
