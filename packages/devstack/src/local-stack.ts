import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactTokens } from '@attest/core';
import { applyMigrations } from '@attest/db/migrate';
import { type AccountRow, listAccounts, type SeedResult, seedDemo } from '@attest/db/seed/index';
import { assertPortsFree, freePort } from './ports.ts';
import { type ProcessGroup, spawnGroup } from './process-group.ts';
import { type LibrarySeedResult, seedDemoLibrary } from './seed-library.ts';
import { type Devstack, startDevstack } from './start-devstack.ts';

export { freePort, PortsInUseError } from './ports.ts';

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
  /** File keeping caught mail across restarts (`npm run dev`: .data/mail.jsonl); null = in memory. */
  mailFile?: string | null;
  /** A real Postgres server instead of PGlite. */
  databaseUrl?: string;
  /** Where wrangler keeps its local state and where .dev.vars-style files go. */
  stateDir: string;
  /** Print the children's output (dev) or keep it for failures (tests). */
  inheritOutput?: boolean;
  /** Import, consolidate and publish the seed policies through the API (default true). */
  seedLibrary?: boolean;
  /**
   * Aborting stops the start where it is: the child processes at once, the dev stack as soon as
   * the database step in progress returns; the start then rejects with the signal's reason.
   */
  signal?: AbortSignal;
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

/** dotenv format: values double-quoted with \n escapes, so the PEM key survives on one line. */
function dotenv(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join('\n')
    .concat('\n');
}

export function apiVars(
  devstack: Devstack,
  webUrl: string,
  tokenSecret: string,
  webApiKey: string,
): Record<string, string> {
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
    // Shared with the web app (below): the signer's address and browser it passes on are believed.
    WEB_API_KEY: webApiKey,
  };
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const { signal } = opts;
  signal?.throwIfAborted();
  // Before anything starts: a taken port is named, and nothing is left to clean up.
  await assertPortsFree([
    { port: opts.devstackPort ?? 0, name: 'the dev stack console' },
    { port: opts.databaseUrl ? 0 : (opts.pgPort ?? 0), name: 'Postgres (PGlite)' },
    { port: opts.apiPort ?? 0, name: 'the API' },
    { port: opts.web ? (opts.webPort ?? 0) : 0, name: 'the web app' },
  ]);
  signal?.throwIfAborted();
  mkdirSync(opts.stateDir, { recursive: true });

  const groups: ProcessGroup[] = [];
  let devstack: Devstack | undefined;
  let output = '';
  const logs = () => output;
  let quiet = false;
  const stopChildren = () => {
    // What children print while being killed (Vite's aborted requests, say) is not news.
    quiet = true;
    return Promise.all(groups.map((group) => group.stop())).then(() => {});
  };
  let stopping: Promise<void> | undefined;
  // Children first: they talk to the dev stack, which goes last (closing PGlite flushes its folder).
  const stop = () => (stopping ??= stopChildren().finally(() => devstack?.stop()));
  // An abort kills the children straight away, so a wait on wrangler or Vite ends at once; the
  // in-process dev stack is stopped by the catch below, once the step under way has returned
  // (closing PGlite under a running migration could leave its folder needing recovery).
  const onAbort = () => void stopChildren();
  signal?.addEventListener('abort', onAbort, { once: true });
  /** Awaits one step of the start, then stops there if an abort came meanwhile. */
  const step = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    signal?.throwIfAborted();
    return result;
  };

  const launch = (
    name: string,
    command: string,
    args: string[],
    env: Record<string, string>,
    cwd = repoRoot,
  ): ProcessGroup => {
    signal?.throwIfAborted(); // nothing new starts once stopping has begun
    const group = spawnGroup(name, command, args, {
      cwd,
      env: { ...process.env, ...env },
      // Piped even when shown, so signing links' tokens are redacted from the terminal too.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      const text = redactTokens(chunk.toString());
      if (opts.inheritOutput && !quiet) process.stdout.write(text);
      output += `[${name}] ${text}`;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    group.child.stdout?.on('data', keep);
    group.child.stderr?.on('data', keep);
    groups.push(group);
    return group;
  };

  try {
    let accounts: AccountRow[] = [];
    // Kept before the abort check, so that the catch below has it to stop.
    devstack = await startDevstack({
      port: opts.devstackPort ?? 0,
      pgPort: opts.pgPort ?? 0,
      dataDir: opts.dataDir ?? null,
      databaseUrl: opts.databaseUrl,
      identity: { keyDir: opts.keyDir ?? null, listAccounts: async () => accounts },
      mailFile: opts.mailFile ?? null,
    });
    signal?.throwIfAborted();
    const stack = devstack;
    await step(applyMigrations(stack.pg));
    const seed = await step(seedDemo(stack.pg));
    accounts = await step(listAccounts(stack.pg));

    const apiPort = opts.apiPort || (await freePort());
    const webPort = opts.webPort || (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    const envFile = join(opts.stateDir, 'api.dev.vars');
    // Kept with the stack's state, so signing links in caught mail survive a restart of npm run dev.
    const secretFile = join(opts.stateDir, 'token-secret');
    if (!existsSync(secretFile))
      writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
    // A new one each run: it only has to match between the two Workers started together.
    const webApiKey = randomBytes(32).toString('base64url');
    writeFileSync(
      envFile,
      dotenv(apiVars(stack, webUrl, readFileSync(secretFile, 'utf8').trim(), webApiKey)),
      { mode: 0o600 },
    );

    const api = launch(
      'api',
      join(repoRoot, 'node_modules/.bin/wrangler'),
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
      {
        WRANGLER_SEND_METRICS: 'false',
        // Miniflare otherwise fetches workers.cloudflare.com/cf.json (request.cf) whenever its cache
        // is missing or a month old and, offline, prints `getaddrinfo ENOTFOUND` with a stack trace;
        // its built-in placeholder is all local development needs.
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_COLOR: '1',
      },
    );
    let web: ProcessGroup | null = null;
    if (opts.web) {
      const webDir = join(repoRoot, 'apps/web');
      // Writes .svelte-kit/tsconfig.json, which apps/web/tsconfig.json extends: without it Vite
      // warns on a fresh clone before SvelteKit's plugin gets round to writing it.
      const sync = launch('web', join(repoRoot, 'node_modules/.bin/svelte-kit'), ['sync'], {}, webDir);
      await step(sync.exited);
      web = launch(
        'web',
        join(repoRoot, 'node_modules/.bin/vite'),
        ['dev', '--host', '127.0.0.1', '--port', String(webPort), '--strictPort'],
        { API_URL: apiUrl, DEVSTACK_URL: stack.url, WEB_API_KEY: webApiKey },
        webDir,
      );
    }
    await step(waitFor(`${apiUrl}/health`, api, 'wrangler dev (API)', logs, signal));
    let library: LibrarySeedResult | null = null;
    if (opts.seedLibrary !== false) {
      library = await step(
        seedDemoLibrary((email) => {
          const account = accounts.find((a) => a.email === email)!;
          return async (method, path, json) => {
            const token = await stack.issueToken({
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
              signal,
            });
            const text = await res.text();
            return { status: res.status, body: text ? JSON.parse(text) : null };
          };
        }),
      );
    }
    if (web) await step(waitFor(`${webUrl}/sign-in`, web, 'vite dev (web)', logs, signal));
    return {
      devstack: stack,
      apiUrl,
      webUrl: web ? webUrl : null,
      seed,
      library,
      accounts: () => listAccounts(stack.pg),
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw signal?.aborted ? signal.reason : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function waitFor(
  url: string,
  group: ProcessGroup,
  what: string,
  logs: () => string,
  signal: AbortSignal | undefined,
  timeoutMs = 120_000,
) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    signal?.throwIfAborted();
    const { exitCode, signalCode } = group.child;
    if (exitCode !== null || signalCode !== null)
      throw new Error(`${what} exited with ${exitCode ?? signalCode}:\n${logs().slice(-4000)}`);
    try {
      const timeout = AbortSignal.timeout(2000);
      const res = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000}s:\n${logs().slice(-4000)}`);
}
