// The API's listeners: one http.Server per -H address, all routing into the same fastify app.
// Connection upgrades (attach) are routed too, on a socket the HTTP parser has let go of, so
// what the client sends after the request is the container's stdin.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export interface Listeners {
  /** Stops listening, drops open connections (attached clients, followed logs), removes unix sockets. */
  close(): Promise<void>;
}

function groupId(name: string): number | undefined {
  try {
    for (const line of fs.readFileSync('/etc/group', 'utf8').split('\n')) {
      const [group, , gid] = line.split(':');
      if (group === name && gid !== undefined) return Number(gid);
    }
  } catch {
    // No /etc/group: no group to give the socket to.
  }
  return undefined;
}

export interface ListenOptions {
  group: string;
  log: Logger;
  /** For tcp:// hosts: TLS, with client certificates required when requestCert is set. */
  tls?: https.ServerOptions;
}

export async function listen(app: FastifyInstance, hosts: string[], opts: ListenOptions): Promise<Listeners> {
  // Routing into an app whose plugins have not loaded yet finds half-built routes.
  await app.ready();
  const servers: Array<http.Server | https.Server> = [];
  const sockets = new Set<Duplex>();
  const unixSockets: string[] = [];
  for (const host of hosts) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => app.routing(req, res);
    // Unix sockets are guarded by their file mode; tcp by TLS when configured.
    const server = host.startsWith('tcp://') && opts.tls ? https.createServer(opts.tls, handler) : http.createServer(handler);
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      if (head.length > 0) socket.unshift(head);
      const res = new http.ServerResponse(req);
      res.assignSocket(socket as net.Socket);
      // A route that answered without hijacking (an error): the connection ends with it.
      res.on('finish', () => socket.end());
      app.routing(req, res);
    });
    server.on('connection', (s: Duplex) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    // Waits, attaches and followed logs last as long as containers do.
    server.requestTimeout = 0;
    server.keepAliveTimeout = 60_000;
    servers.push(server);
    if (host.startsWith('unix://')) {
      const file = host.slice('unix://'.length);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.rmSync(file, { force: true });
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(file, () => resolve()));
      unixSockets.push(file);
      fs.chmodSync(file, 0o660);
      const gid = groupId(opts.group);
      if (gid !== undefined) fs.chownSync(file, 0, gid);
    } else {
      const url = new URL(host);
      if (!opts.tls) {
        opts.log.warn({ host }, 'SERVING THE API ON TCP WITHOUT TLS: anyone who can reach this address has root on this host. Use only on a trusted, isolated network.');
      } else if (!opts.tls.requestCert) {
        opts.log.warn({ host }, 'serving the API on tcp with TLS but without client certificates (--tls): anyone who can reach this address has root on this host; use --tlsverify');
      }
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(Number(url.port || (opts.tls ? 2376 : 2375)), url.hostname, () => resolve()));
    }
    opts.log.info({ host }, 'API listening');
  }
  return {
    close: async () => {
      const closed = Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      for (const s of sockets) s.destroy();
      await closed;
      for (const file of unixSockets) fs.rmSync(file, { force: true });
    },
  };
}
