// Docker's hijacked connections (attach, exec start): the HTTP exchange ends with a status line
// written by hand — "101 UPGRADED" when the client asked to upgrade to "tcp", else a 200 that
// closes — and the socket then carries the raw streams both ways.
import type * as net from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { engineHeaders } from './headers';

export function hijack(request: FastifyRequest, reply: FastifyReply, contentType: string): net.Socket {
  const upgrade = /\bupgrade\b/i.test(String(request.headers.connection ?? '')) && request.headers.upgrade !== undefined;
  reply.hijack();
  const socket = request.raw.socket;
  const head = upgrade
    ? ['HTTP/1.1 101 UPGRADED', `Content-Type: ${contentType}`, 'Connection: Upgrade', 'Upgrade: tcp']
    : ['HTTP/1.1 200 OK', `Content-Type: ${contentType}`, 'Connection: close'];
  const extra = Object.entries(engineHeaders()).map(([k, v]) => `${k}: ${v}`);
  socket.write(`${[...head, ...extra].join('\r\n')}\r\n\r\n`);
  socket.on('error', () => socket.destroy());
  return socket;
}

/**
 * Bytes of the request body still unread on a hijacked socket. Node's HTTP parser stops at the
 * headers of a request that asks for an upgrade, so such a request's body (the exec start
 * options the docker CLI sends) arrives on the socket ahead of the client's input.
 */
export function unreadBody(request: FastifyRequest): number {
  if (request.body !== undefined) return 0;
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0 ? length : 0;
}

/** Calls onInput with what the client sends after skip bytes of leftover body. */
export function inputAfter(socket: net.Socket, skip: number, onInput: (chunk: Buffer) => void): void {
  let left = skip;
  socket.on('data', (chunk: Buffer) => {
    if (left > 0) {
      const dropped = Math.min(left, chunk.length);
      left -= dropped;
      chunk = chunk.subarray(dropped);
    }
    if (chunk.length > 0) onInput(chunk);
  });
}
