import { readFileSync } from 'node:fs';
import { runSigners, SIGNATURE } from './signers.ts';

// The load generator for the signing benchmark under workerd, in a process of its own so its
// event loop is not the API's or the SQL door's. bench/workerd.ts spawns it:
//
//   node --import tsx bench/load-signers.ts <api url> <tokens file (JSON array)> <signers> <seconds>
//
// and reads one line of JSON (SignersResult) from stdout.

const [apiUrl, tokensFile, concurrency, seconds] = process.argv.slice(2);
if (!apiUrl || !tokensFile || !concurrency || !seconds) {
  console.error('usage: load-signers.ts <api url> <tokens file> <signers> <seconds>');
  process.exit(2);
}
const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as string[];
// A request that never answers must not stall a signer past the run: it counts as an error.
const timeout = () => AbortSignal.timeout(60_000);
const body = JSON.stringify(SIGNATURE);

const cpuBefore = process.cpuUsage();
const result = await runSigners({
  tokens,
  concurrency: Number(concurrency),
  seconds: Number(seconds),
  openPage: async (token) => {
    const res = await fetch(`${apiUrl}/v1/sign/${token}`, { signal: timeout() });
    await res.arrayBuffer();
    return res.status;
  },
  sign: async (token) => {
    const res = await fetch(`${apiUrl}/v1/sign/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: timeout(),
    });
    await res.arrayBuffer();
    return res.status;
  },
});
const cpu = process.cpuUsage(cpuBefore);
// Its own CPU time, for the bench's account of where the time went.
process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
