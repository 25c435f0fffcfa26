import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { TIOCSWINSZ } from '../sys/constants';
import { realSyscalls } from '../sys/koffi';
import type { Syscalls } from '../sys/syscalls';

/**
 * A foreground `run -t`/`exec -t` without --console-socket: like runc, the CLI takes the pty
 * master itself (over a socketpair), puts the user's terminal in raw mode and copies both ways.
 */
export class ForegroundTerminal {
  private readonly ours: number;
  readonly containerEnd: number;
  private master = -1;
  private output?: tty.ReadStream;
  private closed?: Promise<void>;
  private readonly onInput = (data: Buffer) => {
    try {
      fs.writeSync(this.master, data);
    } catch {
      // The container's side is gone; its exit ends the session.
    }
  };
  private readonly onResize = () => this.resize();

  constructor(private readonly sys: Syscalls = realSyscalls()) {
    [this.ours, this.containerEnd] = sys.socketPair();
  }

  /** Call once the container has been created: its init has sent the master by then. */
  attach(): void {
    this.sys.close(this.containerEnd);
    this.master = this.sys.recvFd(this.ours);
    this.sys.close(this.ours);
    this.resize();
    process.on('SIGWINCH', this.onResize);
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    process.stdin.on('data', this.onInput);
    const output = new tty.ReadStream(this.master);
    this.output = output;
    output.on('data', (data: Buffer) => process.stdout.write(data));
    // Reading a pty master whose slave side is closed fails with EIO: that is the end of output.
    this.closed = new Promise((resolve) => {
      output.on('error', () => resolve());
      output.on('close', () => resolve());
    });
  }

  private resize(): void {
    if (this.master < 0 || !process.stdout.isTTY) return;
    const size = Buffer.alloc(8);
    size.writeUInt16LE(process.stdout.rows, 0);
    size.writeUInt16LE(process.stdout.columns, 2);
    try {
      this.sys.ioctl(this.master, TIOCSWINSZ, size);
    } catch {
      // Resizing a terminal that is going away is not worth an error.
    }
  }

  /** After the process exited: drain what it wrote, then give the user's terminal back. */
  async detach(): Promise<void> {
    if (this.closed) await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
    process.off('SIGWINCH', this.onResize);
    process.stdin.off('data', this.onInput);
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdin.pause();
    this.output?.destroy();
  }
}
