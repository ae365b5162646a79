import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import pg from 'pg';
import { createDevstackApp } from './app.ts';
import type { DevAccount } from './identity/dev-account.ts';
import { createDevIssuer, type IssueTokenClaims } from './identity/issuer.ts';
import { MailStore } from './mail/mail-store.ts';
import { newDoorSecret } from './postgres/door-secret.ts';
import { formatHost, type PgliteServer, startPgliteServer } from './postgres/pglite-server.ts';
import { createRawTextPool } from './postgres/sql-http-endpoint.ts';
import { attachWsBridge, upstreamOf, type WsBridge } from './postgres/ws-bridge.ts';

export interface DevstackOptions {
  /** HTTP console port; default 8025; 0 = ephemeral (tests). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** PGlite data folder (e.g. '.data/pglite'); null/undefined = in memory. */
  dataDir?: string | null;
  /** Port of pglite-socket's Postgres wire server; default 54320; 0 = ephemeral. */
  pgPort?: number;
  /** A real Postgres server: PGlite is not started and both doors point there. */
  databaseUrl?: string;
  /**
   * Who the SQL-over-HTTP door logs in as, when not the `databaseUrl` role (a real server only):
   * tests run the API as a login that owns nothing, while `pg` (migrations, seed, assertions)
   * stays the owner.
   */
  doorsDatabaseUrl?: string;
  identity?: { keyDir?: string | null; listAccounts: () => Promise<DevAccount[]> };
  /** Keep caught mail in this file (JSON Lines) across restarts; null/undefined = in memory. */
  mailFile?: string | null;
}

export interface Devstack {
  /** e.g. http://127.0.0.1:8025 */
  url: string;
  /** postgres:// URL of the wire server (pglite-socket) or the real server. */
  databaseUrl: string;
  /**
   * `${url}/sql/<secret>`, for neonConfig.fetchEndpoint. The secret is new on every start: only
   * those given these addresses (the local API, tests) can use the SQL doors.
   */
  sqlEndpoint: string;
  /** `127.0.0.1:PORT/v2/<secret>`, for neonConfig.wsProxy (the driver appends ?address=host:port). */
  wsProxy: string;
  /** `${url}/resend`, for new Resend(key, { baseUrl }). */
  resendBaseUrl: string;
  /** SPKI PEM of the dev identity key (CLERK_JWT_KEY for verifyToken({ jwtKey })). */
  jwtPublicKeyPem: string;
  issuer: string;
  /** node-postgres pool on databaseUrl, for migrations, seeding and test assertions. */
  pg: pg.Pool;
  issueToken(claims: IssueTokenClaims): Promise<string>;
  mail: MailStore;
  /** Closes everything: HTTP server, WebSockets, pools, the wire server and PGlite. */
  stop(): Promise<void>;
}

export async function startDevstack(options: DevstackOptions = {}): Promise<Devstack> {
  const host = options.host ?? '127.0.0.1';
  // Undo what was started if a later step fails (a port in use, say), newest first.
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  };

  try {
    let pglite: PgliteServer | null = null;
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      pglite = await startPgliteServer({ dataDir: options.dataDir, port: options.pgPort ?? 54320 });
      cleanups.push(() => pglite!.stop());
      databaseUrl = pglite.databaseUrl;
    }

    // PGlite has one session: concurrent extended-protocol queries from several connections can
    // interleave and lose each other's unnamed portal ("portal \"\" does not exist"). One
    // connection serialises the HTTP door in front of it; a real server gets a real pool.
    if (pglite && options.doorsDatabaseUrl)
      throw new Error('doorsDatabaseUrl needs a real Postgres server (databaseUrl)');
    const sqlPool = createRawTextPool(options.doorsDatabaseUrl ?? databaseUrl, pglite ? 1 : 10);
    cleanups.push(() => sqlPool.end());
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
    pool.on('error', () => {}); // see createRawTextPool: a dropped idle client must not crash us
    cleanups.push(() => pool.end());

    const issuer = await createDevIssuer({ keyDir: options.identity?.keyDir });
    const mail = new MailStore({ file: options.mailFile });
    const doorSecret = newDoorSecret();
    const addresses = { url: '', sqlEndpoint: '', wsProxy: '' };
    const app = createDevstackApp({
      sqlPool,
      doorSecret,
      mail,
      issuer,
      listAccounts: options.identity?.listAccounts,
      addresses: () => ({
        console: addresses.url,
        database: pglite
          ? `PGlite ${options.dataDir ? `(data in ${options.dataDir})` : '(in memory)'}`
          : 'Postgres server',
        databaseUrl: databaseUrl,
        sqlEndpoint: addresses.sqlEndpoint,
        wsProxy: addresses.wsProxy,
        resendBaseUrl: `${addresses.url}/resend`,
        jwks: `${addresses.url}/identity/jwks.json`,
        issuer: issuer.issuer,
      }),
    });

    const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
    // A Worker under wrangler dev keeps its connections to these doors open and reuses them. Node
    // closes a connection idle for 5 s by default, and a query sent on one as it closes is lost: the
    // Worker answers 500 "Network connection lost" (a few per bench run, dozens at 300 ms). Idle
    // connections cost nothing here, so keep them for longer than any pause in use.
    server.keepAliveTimeout = 10 * 60_000;
    await listen(server, options.port ?? 8025, host);
    cleanups.push(() => closeServer(server));
    const bridge: WsBridge = attachWsBridge(server, {
      path: '/v2',
      secret: doorSecret,
      upstream: upstreamOf(databaseUrl),
    });
    cleanups.push(() => bridge.close());

    const port = (server.address() as AddressInfo).port;
    // A wildcard bind is still reached through loopback by the local Workers and tests.
    const reachableHost = formatHost(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
    addresses.url = `http://${reachableHost}:${port}`;
    addresses.sqlEndpoint = `${addresses.url}/sql/${doorSecret}`;
    addresses.wsProxy = `${reachableHost}:${port}/v2/${doorSecret}`;

    let stopping: Promise<void> | undefined;
    return {
      url: addresses.url,
      databaseUrl,
      sqlEndpoint: addresses.sqlEndpoint,
      wsProxy: addresses.wsProxy,
      resendBaseUrl: `${addresses.url}/resend`,
      jwtPublicKeyPem: issuer.publicKeyPem,
      issuer: issuer.issuer,
      pg: pool,
      issueToken: (claims) => issuer.issueToken(claims),
      mail,
      stop() {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets (fetch keeps them) would otherwise hold close() open for seconds.
    server.closeAllConnections();
  });
}
