import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactTokens } from '@attest/core';
import { applyMigrations } from '@attest/db/migrate';
import { type AccountRow, listAccounts, type SeedResult, seedDemo } from '@attest/db/seed/index';
import { type LibrarySeedResult, seedDemoLibrary } from './seed-library.ts';
import { type Devstack, startDevstack } from './start-devstack.ts';

// The whole product on one machine: the dev stack (Postgres doors, mail, identity) in this
// process, the API under `wrangler dev` (workerd, exactly the production runtime) and, when asked,
// the SvelteKit web app under Vite. Used by `npm run dev` and by the real-stack and browser tests.

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface LocalStackOptions {
  /** Dev stack console port (8025 for `npm run dev`; 0 = any free port). */
  devstackPort?: number;
  pgPort?: number;
  apiPort?: number;
  webPort?: number;
  /** Start the web app too. */
  web?: boolean;
  /** PGlite folder; null = in memory. */
  dataDir?: string | null;
  /** Identity key folder; null = a fresh key in memory. */
  keyDir?: string | null;
  /** A real Postgres server instead of PGlite. */
  databaseUrl?: string;
  /** Where wrangler keeps its local state and where .dev.vars-style files go. */
  stateDir: string;
  /** Print the children's output (dev) or keep it for failures (tests). */
  inheritOutput?: boolean;
  /** Import, consolidate and publish the seed policies through the API (default true). */
  seedLibrary?: boolean;
}

export interface LocalStack {
  devstack: Devstack;
  apiUrl: string;
  webUrl: string | null;
  seed: SeedResult;
  library: LibrarySeedResult | null;
  accounts: () => Promise<AccountRow[]>;
  logs: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

async function waitFor(
  url: string,
  child: ChildProcess,
  what: string,
  logs: () => string,
  timeoutMs = 120_000,
) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode}:\n${logs().slice(-4000)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000}s:\n${logs().slice(-4000)}`);
}

/** dotenv format: values double-quoted with \n escapes, so the PEM key survives on one line. */
function dotenv(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join('\n')
    .concat('\n');
}

export function apiVars(devstack: Devstack, webUrl: string, tokenSecret: string): Record<string, string> {
  return {
    ENVIRONMENT: 'development',
    DATABASE_URL: devstack.databaseUrl,
    NEON_FETCH_ENDPOINT: devstack.sqlEndpoint,
    NEON_WS_PROXY: devstack.wsProxy,
    CLERK_JWT_KEY: devstack.jwtPublicKeyPem,
    RESEND_API_KEY: 're_dev',
    RESEND_BASE_URL: devstack.resendBaseUrl,
    MAIL_FROM: 'Attest <no-reply@attest.example.org>',
    PUBLIC_WEB_URL: webUrl,
    TOKEN_SECRET: tokenSecret,
  };
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  mkdirSync(opts.stateDir, { recursive: true });
  let accounts: AccountRow[] = [];
  const devstack = await startDevstack({
    port: opts.devstackPort ?? 0,
    pgPort: opts.pgPort ?? 0,
    dataDir: opts.dataDir ?? null,
    databaseUrl: opts.databaseUrl,
    identity: { keyDir: opts.keyDir ?? null, listAccounts: async () => accounts },
  });
  const children: ChildProcess[] = [];
  let output = '';
  const logs = () => output;
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.pid === undefined) return done();
            child.once('exit', () => done());
            try {
              process.kill(-child.pid, 'SIGTERM');
            } catch {
              child.kill('SIGTERM');
            }
            setTimeout(() => {
              try {
                process.kill(-child.pid!, 'SIGKILL');
              } catch {
                // already gone
              }
              done();
            }, 5000).unref();
          }),
      ),
    );
    await devstack.stop();
  };
  try {
    await applyMigrations(devstack.pg);
    const seed = await seedDemo(devstack.pg);
    let library: LibrarySeedResult | null = null;
    accounts = await listAccounts(devstack.pg);

    const apiPort = opts.apiPort || (await freePort());
    const webPort = opts.webPort || (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    const envFile = join(opts.stateDir, 'api.dev.vars');
    // Kept with the stack's state, so signing links in caught mail survive a restart of npm run dev.
    const secretFile = join(opts.stateDir, 'token-secret');
    if (!existsSync(secretFile))
      writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
    writeFileSync(envFile, dotenv(apiVars(devstack, webUrl, readFileSync(secretFile, 'utf8').trim())), {
      mode: 0o600,
    });

    const launch = (
      name: string,
      command: string,
      args: string[],
      env: Record<string, string>,
      cwd = repoRoot,
    ) => {
      const child = spawn(command, args, {
        cwd,
        env: { ...process.env, ...env },
        // Piped even when shown, so signing links' tokens are redacted from the terminal too.
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group, so stop() also ends workerd and esbuild
      });
      const keep = (chunk: Buffer) => {
        const text = redactTokens(chunk.toString());
        if (opts.inheritOutput) process.stdout.write(text);
        output += `[${name}] ${text}`;
        if (output.length > 200_000) output = output.slice(-100_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      children.push(child);
      return child;
    };

    const wranglerBin = join(repoRoot, 'node_modules/.bin/wrangler');
    const api = launch(
      'api',
      wranglerBin,
      [
        'dev',
        '--config',
        join(repoRoot, 'wrangler.toml'),
        '--ip',
        '127.0.0.1',
        '--port',
        String(apiPort),
        '--inspector-port',
        String(await freePort()),
        '--env-file',
        envFile,
        '--persist-to',
        join(opts.stateDir, 'wrangler'),
        '--show-interactive-dev-session=false',
        // GET /__scheduled?cron=… runs the cron handler, as Cloudflare's scheduler would.
        '--test-scheduled',
        '--log-level',
        opts.inheritOutput ? 'info' : 'warn',
      ],
      { WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    );
    let web: ChildProcess | null = null;
    if (opts.web) {
      const viteBin = join(repoRoot, 'node_modules/.bin/vite');
      web = launch(
        'web',
        viteBin,
        ['dev', '--host', '127.0.0.1', '--port', String(webPort), '--strictPort'],
        { API_URL: apiUrl, DEVSTACK_URL: devstack.url },
        join(repoRoot, 'apps/web'),
      );
    }
    await waitFor(`${apiUrl}/health`, api, 'wrangler dev (API)', logs);
    if (opts.seedLibrary !== false) {
      library = await seedDemoLibrary((email) => {
        const account = accounts.find((a) => a.email === email)!;
        return async (method, path, json) => {
          const token = await devstack.issueToken({
            userId: account.userId,
            orgId: account.orgId,
            orgRole: account.orgRole,
          });
          const res = await fetch(`${apiUrl}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(json === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: json === undefined ? undefined : JSON.stringify(json),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : null };
        };
      });
    }
    if (web) await waitFor(`${webUrl}/sign-in`, web, 'vite dev (web)', logs);
    return {
      devstack,
      apiUrl,
      webUrl: web ? webUrl : null,
      seed,
      library,
      accounts: () => listAccounts(devstack.pg),
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
