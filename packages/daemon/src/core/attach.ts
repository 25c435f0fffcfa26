// Live stdio of running containers for `docker attach` and `docker run` (not -d). One reader per
// output FIFO and container, fanned out to every attached client, so two clients see the same
// output instead of splitting it; the FIFO readers close when the last client leaves (the shim
// then drops live output, the log still has it) or when the shim ends the output at exit.
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { StreamName } from './stdcopy';
import type { StdioPaths } from './fifos';

const { O_RDONLY, O_WRONLY, O_NONBLOCK } = fs.constants;

export interface AttachClient {
  stdout: boolean;
  stderr: boolean;
  write(stream: StreamName, chunk: Buffer): void;
  /** The container's output is over. */
  end(): void;
}

class OutputHub {
  readonly clients = new Set<AttachClient>();
  private readonly readers: net.Socket[] = [];
  private readonly fifos: string[] = [];
  private open = 0;

  constructor(
    paths: StdioPaths,
    private readonly onEmpty: () => void,
  ) {
    const streams: Array<[StreamName, string]> = [
      ['stdout', paths.stdout],
      ['stderr', paths.stderr],
    ];
    for (const [stream, p] of streams) {
      if (p === '') continue;
      // Non-blocking: the shim may not have opened its end yet; epoll reports no end of file
      // until a writer has come and gone, so the reader simply waits for the task's output.
      const reader = new net.Socket({ fd: fs.openSync(p, O_RDONLY | O_NONBLOCK), readable: true, writable: false });
      this.open++;
      reader.on('data', (chunk: Buffer) => {
        for (const c of this.clients) if (stream === 'stdout' ? c.stdout : c.stderr) c.write(stream, chunk);
      });
      reader.on('error', () => reader.destroy());
      reader.on('close', () => {
        if (--this.open === 0) this.finish();
      });
      this.readers.push(reader);
      this.fifos.push(p);
    }
    if (this.open === 0) queueMicrotask(() => this.finish());
  }

  private finish(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
    this.onEmpty();
  }

  /**
   * The task exited. A reader that opened its FIFO after the shim had closed its end (an attach
   * just before the exit was recorded) would wait for a writer forever: one that comes and goes
   * now makes the reader see end of file, after whatever is still buffered.
   */
  writersGone(): void {
    for (const p of this.fifos) {
      try {
        fs.closeSync(fs.openSync(p, O_WRONLY | O_NONBLOCK));
      } catch {
        // No reader left on it, or the FIFO is gone: nothing waits.
      }
    }
  }

  leave(client: AttachClient): void {
    this.clients.delete(client);
    if (this.clients.size === 0) {
      for (const r of this.readers) r.destroy();
      this.onEmpty();
    }
  }
}

/**
 * The writing side of a container's stdin FIFO. Until the shim has opened the FIFO (before the
 * task exists) an open for writing fails, so input is kept and written once it can be.
 */
class StdinWriter {
  private socket: net.Socket | undefined;
  private pending: Buffer[] = [];
  private ended = false;

  constructor(private readonly path: string) {}

  write(chunk: Buffer): void {
    this.pending.push(chunk);
    this.flush();
  }

  end(): void {
    this.ended = true;
    this.flush();
  }

  /** Retries the open (after the task was created) and writes what is pending. */
  flush(): boolean {
    if (!this.socket) {
      let fd: number;
      try {
        fd = fs.openSync(this.path, O_WRONLY | O_NONBLOCK);
      } catch {
        return false;
      }
      this.socket = new net.Socket({ fd, readable: false, writable: true });
      this.socket.on('error', () => this.socket?.destroy());
    }
    for (const chunk of this.pending.splice(0)) this.socket.write(chunk);
    if (this.ended) this.socket.end();
    return true;
  }

  close(): void {
    this.socket?.destroy();
    this.pending = [];
  }
}

export interface Attachment {
  /** Input from the client (only when it attached stdin). */
  input(chunk: Buffer): void;
  /** The client closed its input: the process gets end of file once its other writers are gone. */
  endInput(): void;
  detach(): void;
}

export class AttachManager {
  private readonly hubs = new Map<string, OutputHub>();
  private readonly stdins = new Map<string, Set<StdinWriter>>();

  attach(id: string, paths: StdioPaths, client: AttachClient, stdin: boolean): Attachment {
    let hub = this.hubs.get(id);
    if (!hub) {
      const created: OutputHub = new OutputHub(paths, () => {
        if (this.hubs.get(id) === created) this.hubs.delete(id);
      });
      hub = created;
      this.hubs.set(id, hub);
    }
    hub.clients.add(client);
    const theHub = hub;
    let writer: StdinWriter | undefined;
    if (stdin && paths.stdin !== '') {
      writer = new StdinWriter(paths.stdin);
      let set = this.stdins.get(id);
      if (!set) this.stdins.set(id, (set = new Set()));
      set.add(writer);
    }
    const dropWriter = () => {
      if (!writer) return;
      writer.close();
      this.stdins.get(id)?.delete(writer);
      if (this.stdins.get(id)?.size === 0) this.stdins.delete(id);
      writer = undefined;
    };
    return {
      input: (chunk) => writer?.write(chunk),
      endInput: () => writer?.end(),
      detach: () => {
        dropWriter();
        theHub.leave(client);
      },
    };
  }

  /** The task exited: live output ends once what it wrote is delivered. */
  taskExited(id: string): void {
    this.hubs.get(id)?.writersGone();
  }

  /** The task now reads its stdin FIFO: input typed before the start can be delivered. */
  taskCreated(id: string): void {
    for (const w of this.stdins.get(id) ?? []) w.flush();
  }
}
