// The stdio paths a caller names in Create and Exec (docs/shim-api.md, "Stdio and logs"). The
// shim opens them itself, so a client can come and go: it reattaches by opening the same FIFOs.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { invalidArgument, notImplemented } from '@skiff/errors';
import type { OutputSink } from './output-copier';

const { O_RDONLY, O_WRONLY, O_CREAT, O_APPEND, O_NONBLOCK } = fs.constants;

/**
 * Output a reader does not keep up with piles up in the shim; past this much per FIFO it is
 * dropped (the json log, written separately, still gets everything). A slow reader must never
 * block the container.
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
 * A caller's output FIFO is written only while someone reads it. The shim opens it write-only and
 * non-blocking when output comes, which fails (ENXIO) while nobody has it open for reading, and
 * lets go when the reader leaves (EPIPE; node ignores SIGPIPE). So a client that opens the FIFO
 * late, or again after closing it, gets live output from then on, not a backlog of old output
 * (the log keeps everything), and no reader, slow or missing, ever blocks the container.
 */
function fifoSink(p: string): OutputSink {
  let socket: net.Socket | undefined;
  let closed = false;
  const open = (): net.Socket | undefined => {
    let fd: number;
    try {
      fd = fs.openSync(p, O_WRONLY | O_NONBLOCK);
    } catch {
      // No reader (ENXIO), or the caller removed the FIFO: this output has nobody to go to.
      return undefined;
    }
    const s = new net.Socket({ fd, readable: false, writable: true });
    s.on('error', () => {
      s.destroy();
      if (socket === s) socket = undefined;
    });
    return s;
  };
  return {
    write(chunk) {
      if (closed) return;
      socket ??= open();
      if (socket && socket.writableLength < FIFO_BACKLOG_LIMIT) socket.write(chunk);
    },
    end() {
      if (closed) return;
      closed = true;
      // The kernel reports the end of a FIFO to a reader only after a writer has come and gone
      // since it opened: one that attached while nothing was written needs this open to see it.
      (socket ?? open())?.end();
      socket = undefined;
    },
    close() {
      closed = true;
      socket?.destroy();
      socket = undefined;
    },
  };
}

/** A FIFO gets live output (fifoSink); anything else is appended to. */
export function openOutputSink(p: string): OutputSink {
  checkPath(p);
  if (isFifo(p)) return fifoSink(p);
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
    end() {
      this.close();
    },
    close() {
      if (fd >= 0) fs.closeSync(fd);
      fd = -1;
    },
  };
}

/**
 * The caller's stdin FIFO. The shim reads it, and holds it open for writing too, so that clients
 * can come and go: one closing its end is not the end of the process's input, and the next one's
 * writes reach the process. CloseIO releases that hold; the end of file then comes once no client
 * holds the FIFO open for writing either, after everything written before.
 */
export class InputFifo {
  readonly stream: net.Socket;
  private hold: number;

  constructor(p: string) {
    checkPath(p);
    if (!isFifo(p)) throw invalidArgument(`stdin ${p}: must be a FIFO`);
    // The read end first: a non-blocking open for writing fails (ENXIO) while nobody reads.
    const readFd = fs.openSync(p, O_RDONLY | O_NONBLOCK);
    try {
      this.hold = fs.openSync(p, O_WRONLY | O_NONBLOCK);
    } catch (err) {
      fs.closeSync(readFd);
      throw err;
    }
    this.stream = new net.Socket({ fd: readFd, readable: true, writable: false });
  }

  /** CloseIO: end of file once the clients' writers are closed too. */
  release(): void {
    if (this.hold < 0) return;
    fs.closeSync(this.hold);
    this.hold = -1;
  }

  close(): void {
    this.release();
    this.stream.destroy();
  }
}
