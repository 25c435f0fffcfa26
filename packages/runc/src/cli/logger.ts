import * as fs from 'node:fs';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

const order: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

/**
 * runc's logging contract, which containerd-shim-runc-v2 and Docker parse: with --log FILE
 * --log-format json, one JSON object per line ({"level","msg","time"}), the last error line being
 * the reason a command failed; without --log, logrus-style text on stderr.
 */
export class Logger {
  constructor(
    private readonly file: string | undefined,
    private readonly format: LogFormat,
    private readonly minLevel: LogLevel,
  ) {}

  get toStderr(): boolean {
    return this.file === undefined;
  }

  log(level: LogLevel, msg: string): void {
    if (order[level] < order[this.minLevel]) return;
    const time = new Date().toISOString();
    const line =
      this.format === 'json'
        ? JSON.stringify({ level, msg, time }) + '\n'
        : `time="${time}" level=${level} msg=${JSON.stringify(msg)}\n`;
    if (this.file === undefined) {
      process.stderr.write(line);
      return;
    }
    try {
      fs.appendFileSync(this.file, line);
    } catch {
      process.stderr.write(line);
    }
  }

  debug(msg: string): void {
    this.log('debug', msg);
  }

  warn(msg: string): void {
    this.log('warning', msg);
  }

  error(msg: string): void {
    this.log('error', msg);
  }
}
