import { createServer } from 'node:net';

export interface NamedPort {
  port: number;
  /** What will listen there, as a person would say it: "the API", "the web app". */
  name: string;
}

/** Thrown before anything starts, naming every port something else already holds. */
export class PortsInUseError extends Error {
  constructor(readonly busy: NamedPort[]) {
    super(
      busy
        .map(
          ({ port, name }) =>
            `Port ${port} (${name}) is already in use, probably by an earlier \`npm run dev\` that is still running; stop whatever holds it (\`lsof -i :${port}\` or \`ss -ltnp 'sport = :${port}'\` names it).`,
        )
        .join('\n'),
    );
    this.name = 'PortsInUseError';
  }
}

/**
 * Checks that each port can be listened on at `host`, the address the stack binds. Done up front
 * because a child that finds its port taken fails late and obscurely (wrangler, say, leaves the old
 * API answering, and the start then fails with another key's 401s); port 0 means "any" and is skipped.
 */
export async function assertPortsFree(ports: NamedPort[], host = '127.0.0.1'): Promise<void> {
  const busy: NamedPort[] = [];
  for (const entry of ports) {
    if (entry.port === 0) continue;
    const error = await listenError(entry.port, host);
    if (error?.code === 'EADDRINUSE') busy.push(entry);
    else if (error) throw new Error(`Port ${entry.port} (${entry.name}) cannot be used: ${error.message}`);
  }
  if (busy.length) throw new PortsInUseError(busy);
}

function listenError(port: number, host: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** A free port on 127.0.0.1, as the OS hands them out (for tests and for ports left at 0). */
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
