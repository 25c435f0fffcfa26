// The network set-up runs iproute2, util-linux and iptables as child processes: skiffd is a
// multi-threaded Node process, so it must never setns() itself. One small interface, so the
// command sequences are unit-tested against a recording fake.
import { execFile } from 'node:child_process';

export interface CommandRunner {
  /** Resolves with stdout; rejects with the command line and its stderr when it fails. `input` goes to its stdin. */
  run(cmd: string, args: string[], input?: string): Promise<string>;
}

export const execRunner: CommandRunner = {
  run(cmd, args, input) {
    return new Promise((resolve, reject) => {
      const child = execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${stderr.trim() || err.message}`));
        else resolve(stdout);
      });
      // A command that exits before reading all of it gets EPIPE here; its own error is the one reported.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input ?? '');
    });
  },
};
