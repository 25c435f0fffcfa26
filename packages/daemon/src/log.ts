import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/**
 * pino: structured JSON lines, to stderr so stdout stays free for what the CLI prints. Synchronous
 * writes: a crash must not lose the lines explaining it.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { pid: process.pid, component: 'skiffd' } }, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything (tests, embedding). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
