import { Command } from 'commander';
import { invalidArgument } from '@skiff/errors';
import type { CliContext } from './context';

const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go duration strings as runc's --interval takes them: "5s", "500ms", "1m30s". */
export function parseDuration(text: string): number {
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const match = part.exec(text);
    if (!match) break;
    total += Number(match[1]) * durationUnits[match[2]!]!;
    at = part.lastIndex;
  }
  if (text.length === 0 || at !== text.length) throw invalidArgument(`invalid duration ${JSON.stringify(text)}`);
  return total;
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
