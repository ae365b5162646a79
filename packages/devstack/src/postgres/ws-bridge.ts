import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { refusal } from './door-secret.ts';

export interface WsBridgeOptions {
  /** Path of the upgrade endpoint; Neon's is /v2. The bridge answers `<path>/<secret>` only. */
  path?: string;
  /** The per-run door secret (door-secret.ts); upgrades without it, or from a web page, get 403. */
  secret: string;
  /** The only TCP destination: the `address` query parameter the driver sends is ignored. */
  upstream: { host: string; port: number };
}

export interface WsBridge {
  /** Number of open WebSocket <-> TCP pairs (handy in tests and on the console). */
  connections(): number;
  close(): Promise<void>;
}

// Pause reading from Postgres while this much is queued towards a slow WebSocket reader.
const HIGH_WATER_MARK = 1 << 20;

/**
 * Neon's WebSocket door, as used by the driver's Pool/Client with `useSecureWebSocket=false`,
 * `pipelineTLS=false` and `pipelineConnect=false`: binary frames carry the raw Postgres wire
 * protocol, so the bridge just pipes bytes between each WebSocket and its own TCP connection.
 */
export function attachWsBridge(server: Server, options: WsBridgeOptions): WsBridge {
  const path = options.path ?? '/v2';
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const pairs = new Set<{ ws: WebSocket; tcp: Socket }>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://devstack.invalid').pathname;
    const given = pathname.startsWith(`${path}/`) ? pathname.slice(path.length + 1) : undefined;
    if (
      (pathname !== path && given === undefined) ||
      request.headers.upgrade?.toLowerCase() !== 'websocket'
    ) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Refused before the handshake, so no TCP connection to Postgres is ever opened for it.
    const why = refusal(request.headers.origin, given, options.secret);
    if (why) {
      const body = `${why}\n`;
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const pair = { ws, tcp: pipe(ws, options.upstream) };
      pairs.add(pair);
      pair.tcp.once('close', () => pairs.delete(pair));
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    connections: () => pairs.size,
    async close() {
      server.off('upgrade', onUpgrade);
      for (const { ws, tcp } of pairs) {
        ws.terminate();
        tcp.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function pipe(ws: WebSocket, upstream: { host: string; port: number }): Socket {
  // net.Socket buffers writes made while it is still connecting, so the driver's startup
  // message can arrive before the TCP handshake is done.
  const tcp = connect({ host: upstream.host, port: upstream.port });
  tcp.setNoDelay(true);

  ws.on('message', (data: RawData) => {
    if (!tcp.destroyed) tcp.write(toBuffer(data));
  });
  tcp.on('data', (chunk: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(chunk, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK / 2) tcp.resume();
    });
    if (ws.bufferedAmount > HIGH_WATER_MARK) tcp.pause();
  });

  // Either side ending ends the other: a closed WebSocket means the client is gone (Postgres then
  // rolls back its open transaction), a closed TCP socket means the server hung up.
  const shutDown = () => {
    tcp.destroy();
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
  };
  ws.on('close', shutDown);
  ws.on('error', shutDown);
  tcp.on('close', shutDown);
  tcp.on('error', shutDown);
  return tcp;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data as Buffer;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** host:port of a postgres:// URL, the TCP destination the bridge may connect to. */
export function upstreamOf(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return { host, port: url.port ? Number(url.port) : 5432 };
}
