// A CommandRunner that records the command lines instead of running them; `fail` makes chosen
// commands fail with a given stderr, as the real tools would.
import type { CommandRunner } from '../../src/network/runner';

export class RecordingRunner implements CommandRunner {
  readonly calls: string[] = [];
  private readonly failures: Array<{ match: RegExp; message: string }> = [];
  private readonly outputs: Array<{ match: RegExp; stdout: string }> = [];

  fail(match: RegExp, message: string): void {
    this.failures.push({ match, message });
  }

  /** Commands matching `match` print `stdout`. */
  respond(match: RegExp, stdout: string): void {
    this.outputs.push({ match, stdout });
  }

  /** A call with input is recorded as its command line, then the input's lines. */
  async run(cmd: string, args: string[], input?: string): Promise<string> {
    const line = [[cmd, ...args].join(' '), ...(input ? input.trimEnd().split('\n') : [])].join('\n');
    this.calls.push(line);
    const f = this.failures.find((x) => x.match.test(line));
    if (f) throw new Error(`${line}: ${f.message}`);
    return this.outputs.find((o) => o.match.test(line))?.stdout ?? '';
  }
}
