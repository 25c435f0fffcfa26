import type { Readable } from 'node:stream';
import type { JsonFileLog, OutputStream } from './json-file-log';
import { type LogEntry, LineSplitter } from './line-splitter';

/** A destination for a process's raw output bytes (a caller's FIFO or file). */
export interface OutputSink {
  write(chunk: Buffer): void;
  /** The output is over: flush what is queued, then let the reader see end of file. */
  end(): void;
  /** Release it now, queued output included. */
  close(): void;
}

export interface CopyTargets {
  log?: JsonFileLog;
  sinks: OutputSink[];
}

/**
 * Copies one output stream of a process to its log (line by line, as it arrives) and to its raw
 * sinks, until end of file, then ends the sinks: an attached client sees end of file when the
 * process's output ends, as with containerd's shim, not only at Delete. Resolves then, or when the
 * source fails or is destroyed: it never rejects, since the process must keep running whatever
 * happens to its log.
 */
export function copyOutput(source: Readable, stream: OutputStream, targets: CopyTargets, clock: () => Date = () => new Date()): Promise<void> {
  const splitter = new LineSplitter();
  let logFailed = false;
  const log = (entries: LogEntry[]) => {
    if (!targets.log || logFailed || entries.length === 0) return;
    try {
      targets.log.writeEntries(stream, entries, clock());
    } catch (err) {
      // A full disk must not stop the container: keep draining its pipe, report once.
      logFailed = true;
      process.emitWarning(`skiff-shim: writing ${targets.log.file} failed, ${stream} is no longer logged: ${(err as Error).message}`);
    }
  };
  return new Promise((resolve) => {
    source.on('data', (chunk: Buffer) => {
      log(splitter.push(chunk));
      for (const sink of targets.sinks) sink.write(chunk);
    });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      log(splitter.end());
      for (const sink of targets.sinks) sink.end();
      resolve();
    };
    source.on('end', finish);
    source.on('close', finish);
    source.on('error', finish);
  });
}
