import { readFileSync } from 'node:fs';
import { runRequests, runSigners, SIGNATURE } from './signers.ts';

// The load generator for the signing benchmark under workerd, in a process of its own so its
// event loop is not the API's or the SQL door's. bench/workerd.ts spawns it:
//
//   node --import tsx bench/load-signers.ts <mode> <api url> <connections> <seconds> [tokens file]
//
// and reads one line of JSON from stdout. Modes:
//   round   each signer opens the page, then signs (SignersResult), one token per round;
//   page    GET /v1/sign/{token} only, cycling through the tokens (reading changes nothing);
//   sign    POST /v1/sign/{token} only, each token once (a repeat would be the cheaper no-op path);
//   health  GET /health only (the empty route: no database), the yardstick for the other two.

const MODES = ['round', 'page', 'sign', 'health'] as const;
type Mode = (typeof MODES)[number];
const [mode, apiUrl, concurrency, seconds, tokensFile] = process.argv.slice(2);
if (
  !MODES.includes(mode as Mode) ||
  !apiUrl ||
  !concurrency ||
  !seconds ||
  (mode !== 'health' && !tokensFile)
) {
  console.error(
    'usage: load-signers.ts <round|page|sign|health> <api url> <connections> <seconds> [tokens file]',
  );
  process.exit(2);
}
const tokens = tokensFile ? (JSON.parse(readFileSync(tokensFile, 'utf8')) as string[]) : [];
// A request that never answers must not stall a connection past the run: it counts as an error.
const timeout = () => AbortSignal.timeout(60_000);
const body = JSON.stringify(SIGNATURE);

// Every call reads the whole answer: the time is to its last byte, as a browser would wait.
const get = async (path: string) => {
  const res = await fetch(`${apiUrl}${path}`, { signal: timeout() });
  await res.arrayBuffer();
  return res.status;
};
const post = async (path: string) => {
  const res = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: timeout(),
  });
  await res.arrayBuffer();
  return res.status;
};

const load = { concurrency: Number(concurrency), seconds: Number(seconds) };
const cpuBefore = process.cpuUsage();
const result =
  mode === 'round'
    ? await runSigners({
        ...load,
        tokens,
        openPage: (token) => get(`/v1/sign/${token}`),
        sign: (token) => post(`/v1/sign/${token}`),
      })
    : mode === 'page'
      ? await runRequests({
          ...load,
          kind: 'page',
          call: (i) => get(`/v1/sign/${tokens[i % tokens.length]}`),
        })
      : mode === 'sign'
        ? await runRequests({
            ...load,
            kind: 'sign',
            count: tokens.length,
            call: (i) => post(`/v1/sign/${tokens[i]}`),
          })
        : await runRequests({ ...load, kind: 'health', call: () => get('/health') });
const cpu = process.cpuUsage(cpuBefore);
// Its own CPU time, for the bench's account of where the time went.
process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
