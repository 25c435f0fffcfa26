import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/**
 * pino: structured JSON lines (one object per line, cheap to write on the hot path, readable by
 * any log shipper), to stderr so stdout stays free for what the CLI prints.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { pid: process.pid, component: 'skiff-containerd' } }, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything (tests, embedding). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
