// A stand-in Docker daemon on a unix socket in a temporary directory: routes are plain handlers,
// hijacks answer 101 and hand the socket over, and close() removes the directory.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export class FakeDaemon {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-client-'));
  readonly socket = path.join(this.dir, 'api.sock');
  readonly requests: string[] = [];
  apiVersion = '1.45';
  readonly routes = new Map<string, Handler>();
  private readonly hijacked = new Set<net.Socket>();
  readonly upgrades = new Map<string, (socket: net.Socket, body: string) => void>();
  private readonly server = http.createServer((req, res) => {
    this.requests.push(`${req.method} ${req.url}`);
    res.setHeader('Api-Version', this.apiVersion);
    const route = this.routes.get(`${req.method} ${req.url!.split('?')[0]}`);
    if (route) route(req, res);
    else res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `page not found` }));
  });

  constructor() {
    // Node hands an upgrade request's body over as raw bytes (head, then the socket): the
    // handler gets the body once Content-Length bytes are in, and the socket with the rest.
    this.server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      this.hijacked.add(socket);
      this.requests.push(`${req.method} ${req.url}`);
      const handler = this.upgrades.get(`${req.method} ${req.url!.split('?')[0]}`);
      socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
      const length = Number(req.headers['content-length'] ?? 0);
      let buffered = head;
      const deliver = () => {
        if (buffered.length < length) return false;
        if (buffered.length > length) socket.unshift(buffered.subarray(length));
        handler?.(socket, buffered.subarray(0, length).toString());
        return true;
      };
      if (deliver()) return;
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length >= length) {
          socket.off('data', onData);
          socket.pause();
          deliver();
          socket.resume();
        }
      };
      socket.on('data', onData);
    });
    this.routes.set('GET /_ping', (_req, res) => res.end('OK'));
  }

  json(route: string, status: number, body: unknown): void {
    this.routes.set(route, (_req, res) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)));
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socket, resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    for (const socket of this.hijacked) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
