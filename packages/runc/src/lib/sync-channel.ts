import { StringDecoder } from 'node:string_decoder';
import { internal } from '@skiff/errors';
import { POLLHUP, POLLIN } from '../sys/constants';
import { SysError, Syscalls } from '../sys/syscalls';

/**
 * Line messages from the runtime's children to the runtime ("PID 12", "READY", "ERR {json}"), and
 * one-byte acknowledgements back. Both directions are pipes read with poll() and a deadline, so a
 * child that dies or hangs turns into an error instead of a stuck runtime.
 */
export type ChildMessage =
  | { type: 'PID'; pid: number }
  | { type: 'USERNS' }
  | { type: 'HOOKS' }
  | { type: 'READY' }
  | { type: 'ERR'; message: string }
  | { type: 'EOF' };

export function sendLine(sys: Syscalls, fd: number, line: string): void {
  sys.write(fd, Buffer.from(line + '\n'));
}

/**
 * The first statement of every forked child. A child reports errors to its parent as messages
 * (sendError), never with a stack; capturing stacks there costs source-position work on a
 * copy-on-write heap, for nothing.
 */
export function enterChild(): void {
  Error.stackTraceLimit = 0;
}

export function sendError(sys: Syscalls, fd: number, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  try {
    sendLine(sys, fd, `ERR ${JSON.stringify(message)}`);
  } catch {
    // The parent is gone; nobody is left to tell.
  }
}

export const ACK = Buffer.from('A');

/** Blocks until the parent acknowledges; a closed pipe means the parent gave up. */
export function waitForAck(sys: Syscalls, fd: number): void {
  const buf = Buffer.alloc(1);
  for (;;) {
    try {
      const n = sys.read(fd, buf);
      if (n === 0) throw new Error('runtime went away during container setup');
      return;
    } catch (err) {
      if (err instanceof SysError && err.errno === 4) continue;
      throw err;
    }
  }
}

export class MessageReader {
  private pending = '';
  private readonly buf = Buffer.alloc(4096);
  // A read may end inside a multi-byte character (paths in error messages): decode as a stream.
  private readonly decoder = new StringDecoder('utf8');
  private eof = false;

  constructor(
    private readonly sys: Syscalls,
    private readonly fd: number,
  ) {}

  /** Next message, or a thrown Internal error when nothing arrives before the deadline. */
  next(deadline: number, isAlive: () => boolean = () => true): ChildMessage {
    for (;;) {
      const newline = this.pending.indexOf('\n');
      if (newline >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        return parseLine(line);
      }
      if (this.eof) return { type: 'EOF' };
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw internal('timed out waiting for the container process');
      let revents: number;
      try {
        revents = this.sys.poll(this.fd, POLLIN, Math.min(remaining, 200));
      } catch (err) {
        if (err instanceof SysError && err.errno === 4) continue;
        throw err;
      }
      if (revents === 0) {
        if (!isAlive()) throw internal('container init exited before it was ready');
        continue;
      }
      if (revents & (POLLIN | POLLHUP)) {
        const n = this.sys.read(this.fd, this.buf);
        if (n === 0) this.eof = true;
        else this.pending += this.decoder.write(this.buf.subarray(0, n));
      }
    }
  }
}

function parseLine(line: string): ChildMessage {
  const space = line.indexOf(' ');
  const word = space < 0 ? line : line.slice(0, space);
  const rest = space < 0 ? '' : line.slice(space + 1);
  switch (word) {
    case 'PID':
      return { type: 'PID', pid: Number(rest) };
    case 'USERNS':
    case 'HOOKS':
    case 'READY':
      return { type: word };
    case 'ERR':
      return { type: 'ERR', message: safeJson(rest) };
    default:
      return { type: 'ERR', message: `unexpected message from container process: ${line}` };
  }
}

function safeJson(text: string): string {
  try {
    return String(JSON.parse(text));
  } catch {
    return text;
  }
}
