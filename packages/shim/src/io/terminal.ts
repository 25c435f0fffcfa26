import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import * as tty from 'node:tty';
import type { Syscalls } from '@skiff/runc';

const F_GETFL = 3;
const F_SETFL = 4;
const F_DUPFD_CLOEXEC = 1030;
const O_NONBLOCK = 0o4000;
const TIOCSWINSZ = 0x5414;
/** The terminal's default VEOF character (^D): ends the input of a reader in canonical mode. */
const EOF_CHAR = Buffer.from([0x04]);
/** Input waiting for room in the terminal beyond which the caller's stream is paused. */
const INPUT_HIGH_WATER = 64 * 1024;
const RETRY_MS = 10;

/**
 * The shim's side of a process's pseudo-terminal: the master the runtime handed back.
 *
 * Output is read by libuv (node:tty) from a duplicate of the master, because node closes a
 * stream's fd when the stream ends (EIO, once the terminal's last process is gone); input and
 * resizes go to the master itself, which stays valid until close(). Both descriptors share one
 * open file, made non-blocking: node:tty leaves a master blocking, and a read or write that
 * blocks would stall every container of the shim. Input is written here rather than through a
 * node:tty stream, which writes a master synchronously and would spin on EAGAIN; when the
 * terminal has no room (the process is not reading), the input waits and is retried.
 */
export class TerminalMaster {
  readonly output: tty.ReadStream;
  private fd: number;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private retry: NodeJS.Timeout | undefined;
  private onRoom: (() => void) | undefined;

  constructor(
    master: number,
    private readonly sys: Syscalls,
  ) {
    this.fd = master;
    let reader = -1;
    try {
      sys.fcntl(master, F_SETFL, sys.fcntl(master, F_GETFL) | O_NONBLOCK);
      reader = sys.fcntl(master, F_DUPFD_CLOEXEC, 3);
      this.output = new tty.ReadStream(reader);
    } catch (err) {
      if (reader >= 0) fs.closeSync(reader);
      fs.closeSync(master);
      throw err;
    }
  }

  /**
   * Copies the caller's input into the terminal, pausing it while the terminal is full. Its end
   * (after CloseIO) is typed as the EOF character, which is how a program reading a terminal
   * learns that input is over.
   */
  feed(source: Readable): void {
    this.onRoom = () => source.resume();
    source.on('data', (chunk: Buffer) => {
      if (!this.write(chunk)) source.pause();
    });
    source.on('end', () => this.write(EOF_CHAR));
  }

  /** False when the input backs up: the caller should pause until there is room again. */
  private write(chunk: Buffer): boolean {
    if (this.fd < 0) return true;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (!this.retry) this.flush();
    return this.pendingBytes < INPUT_HIGH_WATER;
  }

  private flush(): void {
    this.retry = undefined;
    while (this.pending.length > 0) {
      const chunk = this.pending[0]!;
      let written: number;
      try {
        written = fs.writeSync(this.fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          this.retry = setTimeout(() => this.flush(), RETRY_MS);
          return;
        }
        // EIO: nothing is left on the terminal's side to read the input.
        this.pending.length = 0;
        this.pendingBytes = 0;
        break;
      }
      this.pendingBytes -= written;
      if (written < chunk.length) this.pending[0] = chunk.subarray(written);
      else this.pending.shift();
    }
    this.onRoom?.();
  }

  /** TIOCSWINSZ: the process gets SIGWINCH and reads the new size. */
  resize(width: number, height: number): void {
    if (this.fd < 0) return;
    const size = Buffer.alloc(8);
    size.writeUInt16LE(height, 0);
    size.writeUInt16LE(width, 2);
    this.sys.ioctl(this.fd, TIOCSWINSZ, size);
  }

  close(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.onRoom = undefined;
    this.output.destroy();
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}
