import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../local-stack.ts';
import { freePort } from '../ports.ts';
import { descendantsOf, processAlive } from '../process-group.ts';

// `npm run dev` as a developer runs it: the real CLI process, with the real wrangler, workerd and
// Vite under it, moved to free ports and a scratch data folder so that runs never collide.

interface Run {
  cli: ChildProcess;
  ports: { devstack: number; pg: number; api: number; web: number };
  dataDir: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Every process ever seen below the CLI, so none can hide by being re-parented. */
  seen: Set<number>;
}

const runs: Run[] = [];
const blockers: Server[] = [];

async function startCli(ports?: Partial<Run['ports']>): Promise<Run> {
  const chosen = {
    devstack: ports?.devstack ?? (await freePort()),
    pg: ports?.pg ?? (await freePort()),
    api: ports?.api ?? (await freePort()),
    web: ports?.web ?? (await freePort()),
  };
  const dataDir = join(mkdtempSync(join(tmpdir(), 'attest-dev-cli-')), 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATTEST_DEVSTACK_PORT: String(chosen.devstack),
    ATTEST_PG_PORT: String(chosen.pg),
    ATTEST_API_PORT: String(chosen.api),
    ATTEST_WEB_PORT: String(chosen.web),
    ATTEST_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL; // PGlite, as on a fresh clone
  // The command `npm run dev` runs (package.json), without npm in between: the signal goes
  // straight to the process that owns the stack.
  const cli = spawn(process.execPath, ['--import', 'tsx', 'packages/devstack/src/cli/dev.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  cli.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  const run: Run = { cli, ports: chosen, dataDir, output: () => output, exited, seen: new Set() };
  runs.push(run);
  return run;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until `port` accepts connections, noting the CLI's processes meanwhile. */
async function waitForListening(run: Run, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (run.cli.exitCode !== null) throw new Error(`the CLI exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`port ${port} never listened:\n${run.output()}`);
    for (const pid of descendantsOf(run.cli.pid!)) run.seen.add(pid);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of descendantsOf(run.cli.pid!)) run.seen.add(pid);
}

async function exitWithin(run: Run, timeoutMs: number): Promise<number | null> {
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), timeoutMs).unref(),
  );
  const code = await Promise.race([run.exited, timeout]);
  if (code === 'timeout')
    throw new Error(`the CLI did not exit within ${timeoutMs / 1000}s:\n${run.output()}`);
  return code;
}

async function listening(run: Run): Promise<number[]> {
  const { devstack, pg, api, web } = run.ports;
  const open: number[] = [];
  for (const port of [devstack, pg, api, web]) if (await canConnect(port)) open.push(port);
  return open;
}

afterEach(async () => {
  // A failed test must not leave its stack behind for the next one (or the next engineer).
  for (const run of runs.splice(0)) {
    const stillRunning = run.cli.exitCode === null && run.cli.signalCode === null;
    for (const pid of [...(stillRunning ? [run.cli.pid!] : []), ...run.seen].filter(processAlive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
    rmSync(join(run.dataDir, '..'), { recursive: true, force: true });
  }
  for (const server of blockers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('npm run dev, stopping', () => {
  it('stops wrangler, workerd, Vite and the dev stack when SIGTERM comes during the first start', async () => {
    const run = await startCli();
    // wrangler answering and Vite listening: both child trees are up, the library is being
    // seeded through the API and the first page compiled. The start is far from done.
    await waitForListening(run, run.ports.api, 60_000);
    await waitForListening(run, run.ports.web, 30_000);
    expect(run.output()).not.toContain('Attest is running locally');
    const children = [...run.seen];
    expect(children.length).toBeGreaterThan(3); // wrangler, workerd, Vite, esbuild…

    run.cli.kill('SIGTERM');
    expect(await exitWithin(run, 25_000)).toBe(0);

    expect(run.output()).toContain('Stopping Attest…');
    expect(run.output()).not.toContain('Attest is running locally');
    expect(await listening(run)).toEqual([]);
    expect(children.filter(processAlive)).toEqual([]);
  }, 120_000);

  it('stops the dev stack when SIGTERM comes before wrangler and Vite have started', async () => {
    const run = await startCli();
    await waitForListening(run, run.ports.devstack, 30_000); // migrations and seeding come next
    run.cli.kill('SIGTERM');
    expect(await exitWithin(run, 20_000)).toBe(0);
    expect(run.output()).toContain('Stopping Attest…');
    expect(await listening(run)).toEqual([]);
    expect([...run.seen].filter(processAlive)).toEqual([]);
  }, 60_000);
});

describe('npm run dev, ports already taken', () => {
  it('names each busy port and starts nothing', async () => {
    const api = await freePort();
    const web = await freePort();
    for (const port of [api, web]) {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      blockers.push(server);
    }
    const run = await startCli({ api, web });
    expect(await exitWithin(run, 20_000)).toBe(1);

    expect(run.output()).toContain(`Port ${api} (the API) is already in use`);
    expect(run.output()).toContain(`Port ${web} (the web app) is already in use`);
    expect(run.output()).toContain('stop whatever holds it');
    // Nothing started: no PGlite folder, no wrangler, and the other ports were never taken.
    expect(existsSync(run.dataDir)).toBe(false);
    expect(run.output()).not.toMatch(/wrangler|VITE/);
    expect(await canConnect(run.ports.devstack)).toBe(false);
    expect(await canConnect(run.ports.pg)).toBe(false);
  }, 30_000);
});
