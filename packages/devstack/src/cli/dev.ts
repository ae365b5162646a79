import { copyFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type LocalStack, PortsInUseError, repoRoot, startLocalStack } from '../local-stack.ts';
import { renderBanner } from './banner.ts';

// `npm run dev`: the whole product locally, with demo data, on fixed addresses. Data persists in
// .data/ (delete the folder to start again from the demo seed).
//
// Ctrl+C (SIGINT), SIGTERM and SIGHUP stop everything this process started, whenever they come:
// during the first start (which seeds for a minute or more) as much as afterwards. wrangler and
// Vite run in process groups of their own, so nobody but this process will stop them.
//
// ATTEST_DEVSTACK_PORT, ATTEST_PG_PORT, ATTEST_API_PORT, ATTEST_WEB_PORT and ATTEST_DATA_DIR move a
// run off the usual ports and folder (a second checkout, the dev CLI's own tests).

const ports = {
  devstackPort: portFromEnv('ATTEST_DEVSTACK_PORT', 8025),
  pgPort: portFromEnv('ATTEST_PG_PORT', 54320),
  apiPort: portFromEnv('ATTEST_API_PORT', 8787),
  webPort: portFromEnv('ATTEST_WEB_PORT', 5173),
};
const defaultDataDir = join(repoRoot, '.data');
const dataDir = process.env.ATTEST_DATA_DIR ? resolve(process.env.ATTEST_DATA_DIR) : defaultDataDir;
const pgliteDir = process.env.DATABASE_URL ? null : join(dataDir, 'pglite');
// Stopping gives up waiting after this long: the children were SIGKILLed well before, and ports
// held by this process close with it.
const STOP_DEADLINE_MS = 20_000;

const abort = new AbortController();
let stack: LocalStack | undefined;
let stopping = false;
let stoppingSince = 0;
let stopExitCode = 0;

function shutDown(why: string, exitCode: number): void {
  if (stopping) {
    // A Ctrl+C reaches this process twice (from the terminal, and forwarded by npm): say nothing then.
    if (Date.now() - stoppingSince > 1000) console.log('Still stopping…');
    return;
  }
  stopping = true;
  stoppingSince = Date.now();
  stopExitCode = exitCode;
  console.log(`\n${why}Stopping Attest…`);
  setTimeout(() => {
    console.error(`Attest did not stop within ${STOP_DEADLINE_MS / 1000}s; exiting anyway.`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  // During the start, aborting makes startLocalStack stop what it has started and reject (below).
  abort.abort(new Error(why));
  if (stack) void stack.stop().finally(() => exitStopped(exitCode));
}

function exitStopped(exitCode: number): never {
  console.log('Stopped.');
  process.exit(exitCode);
}

// Installed before anything starts.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutDown('', 0));
process.on('uncaughtException', (error) => {
  console.error(error);
  shutDown('Unexpected error. ', 1);
});

try {
  stack = await startLocalStack({
    ...ports,
    web: true,
    dataDir: pgliteDir,
    keyDir: dataDir,
    mailFile: join(dataDir, 'mail.jsonl'),
    databaseUrl: process.env.DATABASE_URL,
    stateDir: dataDir,
    inheritOutput: true,
    signal: abort.signal,
  });
} catch (error) {
  // Whatever had started has been stopped by startLocalStack before it rejected.
  if (abort.signal.aborted) exitStopped(stopExitCode);
  if (error instanceof PortsInUseError) {
    console.error(`\nAttest did not start, and started nothing:\n${error.message}`);
  } else {
    console.error(
      `\nThe local stack did not start (everything it started has been stopped): ${(error as Error).message}`,
    );
  }
  process.exit(1);
}

try {
  // So that a plain `wrangler dev` from the repo root finds the same settings (only for the usual
  // data folder: a run elsewhere must not rewrite the checkout's own settings).
  if (dataDir === defaultDataDir) copyFileSync(join(dataDir, 'api.dev.vars'), join(repoRoot, '.dev.vars'));
  const accounts = await stack.accounts();
  if (!stopping) {
    console.log(
      renderBanner({
        stack,
        accounts,
        pgliteDir: pgliteDir && displayPath(pgliteDir),
        dataDir: displayPath(dataDir),
      }),
    );
  }
} catch (error) {
  console.error(`\nThe local stack started but could not be shown: ${(error as Error).message}`);
  shutDown('', 1);
}

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`${name}=${value} is not a port number (1-65535).`);
    process.exit(1);
  }
  return port;
}

function displayPath(path: string): string {
  const inRepo = relative(repoRoot, path);
  return inRepo && !inRepo.startsWith('..') ? `${inRepo}/` : path;
}
