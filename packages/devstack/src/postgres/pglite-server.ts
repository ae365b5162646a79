import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { defaultTemplateCacheDir, openPglite } from './pglite-template.ts';

export interface PgliteServerOptions {
  /** Folder holding the cluster; null/undefined keeps everything in memory (tests). */
  dataDir?: string | null;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * pglite-socket accepts a single connection by default. The dev stack itself holds two pools
   * (the HTTP SQL endpoint and `devstack.pg`) and every bridged WebSocket is one more, so it
   * needs many. They are multiplexed over PGlite's one session, one transaction at a time.
   */
  maxConnections?: number;
  /**
   * Where new clusters find their initialised template (see pglite-template.ts); default
   * node_modules/.cache/attest-devstack; null runs initdb for every new cluster.
   */
  templateCacheDir?: string | null;
}

export interface PgliteServer {
  db: PGlite;
  host: string;
  port: number;
  /** postgres:// URL of the wire server; PGlite accepts any user and password. */
  databaseUrl: string;
  stop(): Promise<void>;
}

export const DEFAULT_PGLITE_MAX_CONNECTIONS = 50;

export async function startPgliteServer(options: PgliteServerOptions = {}): Promise<PgliteServer> {
  const host = options.host ?? '127.0.0.1';
  // gen_random_uuid() and sha256() are core functions since PG 13 / 11 (PGlite 0.5 is PG 18), so
  // no extension has to be loaded for the schema; CREATE EXTENSION would need one preloaded here.
  const db = await openPglite(
    options.dataDir ?? null,
    options.templateCacheDir === undefined ? defaultTemplateCacheDir() : options.templateCacheDir,
  );
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 54320,
    maxConnections: options.maxConnections ?? DEFAULT_PGLITE_MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // getServerConn() reports the port actually bound, which matters when we asked for port 0.
  const port = Number(server.getServerConn().split(':').pop());

  let stopped: Promise<void> | undefined;
  return {
    db,
    host,
    port,
    databaseUrl: `postgres://postgres:postgres@${formatHost(host)}:${port}/postgres`,
    stop() {
      stopped ??= (async () => {
        await server.stop();
        // Closing flushes the data folder; skipping it can leave a persisted cluster needing recovery.
        await db.close();
      })();
      return stopped;
    },
  };
}

export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
