import * as fs from 'node:fs';
import * as net from 'node:net';
import { failedPrecondition, internal } from '@skiff/errors';
import { realSyscalls } from '@skiff/runc';
import type { Syscalls } from '@skiff/runc';
import type { IoFactory, ProcessIo, ProcessIoRequest, StdioFds } from '../core/ports';
import { InputFifo, openOutputSink } from './caller-paths';
import { JsonFileLog, OutputStream } from './json-file-log';
import { OutputSink, copyOutput } from './output-copier';
import { TerminalMaster } from './terminal';

const O_CLOEXEC = 0o2000000;

/**
 * The shim's side of one process's stdio: pipes, or the master of its pseudo-terminal. The shim
 * keeps the reading side of the process's output (and the writing side of its input), so the
 * output reaches the log whoever is attached, and it outlives any client. A stream nobody wants
 * goes to /dev/null: no pipe, no reader.
 */
class StdioProcessIo implements ProcessIo {
  readonly fds: StdioFds;
  /** The ends handed to the process; ours to close once it has its copies. */
  private readonly childEnds: number[] = [];
  private readonly sockets: net.Socket[] = [];
  private readonly sinks: OutputSink[] = [];
  private readonly copies: Promise<void>[] = [];
  private log: JsonFileLog | undefined;
  private stdin: InputFifo | undefined;
  /** With a terminal: where its output goes, once the runtime has handed back the master. */
  private readonly terminalSinks: OutputSink[] | undefined;
  private terminal: TerminalMaster | undefined;

  constructor(
    request: ProcessIoRequest,
    private readonly sys: Syscalls,
  ) {
    try {
      if (request.log) this.log = new JsonFileLog(request.log.path, request.log);
      if (request.stdin !== '') this.stdin = new InputFifo(request.stdin);
      if (request.terminal) {
        this.terminalSinks = this.openSinks(request.stdout);
        // The process's stdio is the terminal; these are only a runtime binary's own.
        this.fds = { stdin: this.devNull('r'), stdout: this.devNull('w'), stderr: this.devNull('w') };
      } else {
        this.fds = {
          stdin: this.input(),
          stdout: this.output('stdout', request.stdout),
          stderr: this.output('stderr', request.stderr),
        };
      }
    } catch (err) {
      this.close();
      throw err;
    }
  }

  private child(fd: number): number {
    this.childEnds.push(fd);
    return fd;
  }

  private devNull(mode: 'r' | 'w'): number {
    return this.child(fs.openSync('/dev/null', mode));
  }

  private openSinks(p: string): OutputSink[] {
    const sinks = p === '' ? [] : [openOutputSink(p)];
    this.sinks.push(...sinks);
    return sinks;
  }

  private input(): number {
    if (!this.stdin) return this.devNull('r');
    const source = this.stdin.stream;
    const [readEnd, writeEnd] = this.sys.pipe2(O_CLOEXEC);
    const toProcess = new net.Socket({ fd: writeEnd, readable: false, writable: true });
    this.sockets.push(toProcess);
    // A process that closed its stdin (EPIPE) just stops the copy.
    toProcess.on('error', () => source.destroy());
    source.on('error', () => toProcess.destroy());
    // The end of the caller's input (after CloseIO) closes the pipe: end of file for the process.
    source.pipe(toProcess);
    return this.child(readEnd);
  }

  private output(stream: OutputStream, p: string): number {
    const sinks = this.openSinks(p);
    if (sinks.length === 0 && !this.log) return this.devNull('w');
    const [readEnd, writeEnd] = this.sys.pipe2(O_CLOEXEC);
    this.child(writeEnd);
    const fromProcess = new net.Socket({ fd: readEnd, readable: true, writable: false });
    this.sockets.push(fromProcess);
    this.copies.push(copyOutput(fromProcess, stream, { ...(this.log ? { log: this.log } : {}), sinks }));
    return writeEnd;
  }

  spawned(terminal?: number): void {
    for (const fd of this.childEnds.splice(0)) fs.closeSync(fd);
    if (!this.terminalSinks) return;
    if (terminal === undefined) throw internal('the runtime handed back no terminal for a process that asked for one');
    this.terminal = new TerminalMaster(terminal, this.sys);
    // A terminal has one output stream; Docker logs it as stdout.
    this.copies.push(copyOutput(this.terminal.output, 'stdout', { ...(this.log ? { log: this.log } : {}), sinks: this.terminalSinks }));
    if (this.stdin) this.terminal.feed(this.stdin.stream);
  }

  resize(width: number, height: number): void {
    if (!this.terminal) throw failedPrecondition('the process has no terminal');
    this.terminal.resize(width, height);
  }

  closeStdin(): void {
    this.stdin?.release();
  }

  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(this.copies), timeout]);
    clearTimeout(timer);
  }

  close(): void {
    for (const fd of this.childEnds.splice(0)) fs.closeSync(fd);
    this.stdin?.close();
    this.stdin = undefined;
    this.terminal?.close();
    this.terminal = undefined;
    for (const socket of this.sockets.splice(0)) socket.destroy();
    for (const sink of this.sinks.splice(0)) sink.close();
    this.log?.close();
    this.log = undefined;
  }
}

export function processIoFactory(sys: Syscalls = realSyscalls()): IoFactory {
  return (request) => new StdioProcessIo(request, sys);
}
