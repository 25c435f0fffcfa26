import * as fs from 'node:fs';
import * as net from 'node:net';
import { realSyscalls } from '@skiff/runc';
import type { Syscalls } from '@skiff/runc';
import type { IoFactory, ProcessIo, ProcessIoRequest, StdioFds } from '../core/ports';
import { openInputSource, openOutputSink } from './caller-paths';
import { JsonFileLog, OutputStream } from './json-file-log';
import { OutputSink, copyOutput } from './output-copier';

const O_CLOEXEC = 0o2000000;

/**
 * Pipes between a process and the shim. The shim keeps the read ends of stdout and stderr (and
 * the write end of stdin), so the process's output reaches the log whoever is attached, and it
 * outlives any client. A stream nobody wants goes to /dev/null: no pipe, no reader.
 */
class PipeProcessIo implements ProcessIo {
  readonly fds: StdioFds;
  /** The ends handed to the process; ours to close once it has its copies. */
  private readonly childEnds: number[] = [];
  private readonly sockets: net.Socket[] = [];
  private readonly sinks: OutputSink[] = [];
  private readonly copies: Promise<void>[] = [];
  private log: JsonFileLog | undefined;

  constructor(request: ProcessIoRequest, sys: Syscalls) {
    try {
      if (request.log) this.log = new JsonFileLog(request.log.path, request.log);
      this.fds = {
        stdin: this.input(request.stdin, sys),
        stdout: this.output('stdout', request.stdout, sys),
        stderr: this.output('stderr', request.stderr, sys),
      };
    } catch (err) {
      this.close();
      throw err;
    }
  }

  private child(fd: number): number {
    this.childEnds.push(fd);
    return fd;
  }

  private input(p: string, sys: Syscalls): number {
    if (p === '') return this.child(fs.openSync('/dev/null', 'r'));
    const source = openInputSource(p);
    this.sockets.push(source);
    const [readEnd, writeEnd] = sys.pipe2(O_CLOEXEC);
    const toProcess = new net.Socket({ fd: writeEnd, readable: false, writable: true });
    this.sockets.push(toProcess);
    // A process that closed its stdin (EPIPE) just stops the copy; the caller's writer is unaffected.
    toProcess.on('error', () => source.destroy());
    source.on('error', () => toProcess.destroy());
    source.pipe(toProcess);
    return this.child(readEnd);
  }

  private output(stream: OutputStream, p: string, sys: Syscalls): number {
    const sinks = p === '' ? [] : [openOutputSink(p)];
    this.sinks.push(...sinks);
    if (sinks.length === 0 && !this.log) return this.child(fs.openSync('/dev/null', 'w'));
    const [readEnd, writeEnd] = sys.pipe2(O_CLOEXEC);
    this.child(writeEnd);
    const fromProcess = new net.Socket({ fd: readEnd, readable: true, writable: false });
    this.sockets.push(fromProcess);
    this.copies.push(copyOutput(fromProcess, stream, { ...(this.log ? { log: this.log } : {}), sinks }));
    return writeEnd;
  }

  spawned(): void {
    for (const fd of this.childEnds.splice(0)) fs.closeSync(fd);
  }

  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(this.copies), timeout]);
    clearTimeout(timer);
  }

  close(): void {
    this.spawned();
    for (const socket of this.sockets.splice(0)) socket.destroy();
    for (const sink of this.sinks.splice(0)) sink.close();
    this.log?.close();
    this.log = undefined;
  }
}

export function pipeIoFactory(sys: Syscalls = realSyscalls()): IoFactory {
  return (request) => new PipeProcessIo(request, sys);
}
