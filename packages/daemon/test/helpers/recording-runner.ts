// A CommandRunner that records the command lines instead of running them; `fail` makes chosen
// commands fail with a given stderr, as the real tools would.
import type { CommandRunner } from '../../src/network/runner';

export class RecordingRunner implements CommandRunner {
  readonly calls: string[] = [];
  private readonly failures: Array<{ match: RegExp; message: string }> = [];

  fail(match: RegExp, message: string): void {
    this.failures.push({ match, message });
  }

  async run(cmd: string, args: string[]): Promise<string> {
    const line = [cmd, ...args].join(' ');
    this.calls.push(line);
    const f = this.failures.find((x) => x.match.test(line));
    if (f) throw new Error(`${line}: ${f.message}`);
    return '';
  }
}
