// Foreground stdio for `skiff-ctr run` and `tasks start`/`exec`: FIFOs in a temporary directory,
// passed to the task (the shim opens them), copied to and from this terminal.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from './connection';

export interface Stdio {
  stdin: string;
  stdout: string;
  stderr: string;
}

export class Attachment {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-ctr-'));
  readonly paths: Stdio;
  private readonly sockets: net.Socket[] = [];
  private rawMode = false;

  constructor(
    private readonly opts: { stdin: boolean; terminal: boolean },
  ) {
    const fifo = (name: string) => {
      const p = path.join(this.dir, name);
      execFileSync('mkfifo', ['-m', '0600', p]);
      return p;
    };
    this.paths = { stdin: opts.stdin ? fifo('stdin') : '', stdout: fifo('stdout'), stderr: opts.terminal ? '' : fifo('stderr') };
    // Opened before the task exists, without blocking, so no output is missed.
    this.copyOut(this.paths.stdout, process.stdout);
    if (this.paths.stderr) this.copyOut(this.paths.stderr, process.stderr);
  }

  private copyOut(fifo: string, to: NodeJS.WritableStream): void {
    const socket = new net.Socket({ fd: fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK), readable: true, writable: false });
    socket.on('data', (d: Buffer) => to.write(d));
    socket.on('error', () => undefined);
    this.sockets.push(socket);
  }

  /** Once the process reads its stdin: copies ours to it, and ends it (CloseIO) at our end of file. */
  connectStdin(conn: Connection, containerId: string, execId: string): void {
    if (!this.opts.stdin) return;
    const fd = fs.openSync(this.paths.stdin, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    const socket = new net.Socket({ fd, readable: false, writable: true });
    socket.on('error', () => undefined);
    this.sockets.push(socket);
    if (this.opts.terminal && process.stdin.isTTY) {
      process.stdin.setRawMode(true);
      this.rawMode = true;
    }
    process.stdin.on('data', (d: Buffer) => socket.write(d));
    process.stdin.on('end', () => {
      socket.end();
      void conn.call('tasks', 'CloseIO', { containerId, execId, stdin: true }).catch(() => undefined);
    });
  }

  /** Keeps the task's terminal the size of ours. */
  followResize(conn: Connection, containerId: string, execId: string): void {
    if (!this.opts.terminal || !process.stdout.isTTY) return;
    const resize = () =>
      void conn.call('tasks', 'ResizePty', { containerId, execId, width: process.stdout.columns, height: process.stdout.rows }).catch(() => undefined);
    resize();
    process.stdout.on('resize', resize);
  }

  close(): void {
    if (this.rawMode) process.stdin.setRawMode(false);
    process.stdin.pause();
    for (const s of this.sockets) s.destroy();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Lets the last output reach us after the exit: the shim ends a FIFO when the output ends. */
export const drain = () => new Promise((resolve) => setTimeout(resolve, 50));
