import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { until } from './harness';

const { O_RDONLY, O_WRONLY, O_NONBLOCK } = fs.constants;

export function mkfifo(p: string): string {
  execFileSync('mkfifo', [p]);
  return p;
}

/**
 * A client reading a caller's output FIFO, as an attaching daemon would: opened without blocking,
 * everything it receives kept in `text`.
 */
export class FifoReader {
  text = '';
  /** The shim closed its end: the output is over. */
  ended = false;
  private readonly socket: net.Socket;

  constructor(p: string) {
    this.socket = new net.Socket({ fd: fs.openSync(p, O_RDONLY | O_NONBLOCK), readable: true, writable: false });
    this.socket.on('data', (d: Buffer) => (this.text += d.toString()));
    this.socket.on('end', () => (this.ended = true));
  }

  /** Resolves with the text received so far once it matches. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    await until(() => pattern.test(this.text), timeoutMs, `output matching ${pattern} (got ${JSON.stringify(this.text)})`);
    return this.text;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A client writing to a caller's stdin FIFO. Non-blocking open: it fails rather than hangs when the shim is not reading. */
export class FifoWriter {
  private fd: number;

  constructor(p: string) {
    this.fd = fs.openSync(p, O_WRONLY | O_NONBLOCK);
  }

  write(text: string): void {
    fs.writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}
