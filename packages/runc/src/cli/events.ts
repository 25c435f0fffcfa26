import { Command } from 'commander';
import { invalidArgument } from '@skiff/errors';
import type { CliContext } from './context';

/** Go duration strings as runc's --interval takes them: "5s", "500ms", "1m". */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!match) throw invalidArgument(`invalid duration ${JSON.stringify(text)}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

function emit(event: object): void {
  process.stdout.write(JSON.stringify(event) + '\n');
}

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('events')
    .description('display container events such as OOM notifications, cpu, memory, and IO usage statistics')
    .argument('<container-id>')
    .option('--interval <duration>', 'set the stats collection interval', '5s')
    .option('--stats', 'display the container\'s stats then exit')
    .action(async (id: string, flags: { interval: string; stats?: boolean }) => {
      const { runtime } = ctx();
      if (flags.stats) {
        emit({ type: 'stats', id, data: runtime.stats(id) });
        return;
      }
      const interval = parseDuration(flags.interval);
      let ooms = runtime.oomKillCount(id);
      for (;;) {
        // OOM first: the kill that stops the container is the event most worth reporting.
        const now = runtime.oomKillCount(id);
        if (now > ooms) emit({ type: 'oom', id });
        ooms = now;
        if (runtime.state(id).status === 'stopped') return;
        emit({ type: 'stats', id, data: runtime.stats(id) });
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    });
}
