// The stdio paths a caller names in Create and Exec (docs/shim-api.md, "Stdio and logs"). The
// shim opens them itself, so a client can come and go: it reattaches by opening the same FIFOs.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { invalidArgument, notImplemented } from '@skiff/errors';
import type { OutputSink } from './output-copier';

const { O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_APPEND, O_NONBLOCK } = fs.constants;

/**
 * Output nobody reads piles up in the shim; past this much per FIFO it is dropped (the json log,
 * written separately, still gets everything). A slow reader must never block the container.
 */
export const FIFO_BACKLOG_LIMIT = 1024 * 1024;

function checkPath(p: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) throw notImplemented(`stdio ${p}: "scheme://" loggers are not supported by this shim yet`);
  if (!p.startsWith('/')) throw invalidArgument(`stdio ${p}: must be an absolute path`);
}

function isFifo(p: string): boolean {
  try {
    return fs.statSync(p).isFIFO();
  } catch {
    return false;
  }
}

/**
 * A FIFO is opened read-write: the open never blocks waiting for a reader, and a reader that
 * goes away causes no EPIPE (the shim itself counts as one). Anything else is appended to.
 */
export function openOutputSink(p: string): OutputSink {
  checkPath(p);
  if (isFifo(p)) {
    const socket = new net.Socket({ fd: fs.openSync(p, O_RDWR | O_NONBLOCK), readable: false, writable: true });
    socket.on('error', () => socket.destroy());
    return {
      write(chunk) {
        if (!socket.destroyed && socket.writableLength < FIFO_BACKLOG_LIMIT) socket.write(chunk);
      },
      close: () => socket.destroy(),
    };
  }
  let fd = fs.openSync(p, O_WRONLY | O_CREAT | O_APPEND, 0o640);
  return {
    write(chunk) {
      if (fd < 0) return;
      try {
        for (let off = 0; off < chunk.length; ) off += fs.writeSync(fd, chunk, off);
      } catch (err) {
        process.emitWarning(`skiff-shim: writing ${p} failed, output no longer copied there: ${(err as Error).message}`);
        fs.closeSync(fd);
        fd = -1;
      }
    },
    close() {
      if (fd >= 0) fs.closeSync(fd);
      fd = -1;
    },
  };
}

/**
 * The caller's stdin FIFO, opened without blocking for a writer. Until a writer shows up the
 * kernel reports nothing (no data, no hang-up), and after the last writer closes it reports end
 * of file: the process's stdin is closed then.
 */
export function openInputSource(p: string): net.Socket {
  checkPath(p);
  if (!isFifo(p)) throw invalidArgument(`stdin ${p}: must be a FIFO`);
  return new net.Socket({ fd: fs.openSync(p, O_RDONLY | O_NONBLOCK), readable: true, writable: false });
}
