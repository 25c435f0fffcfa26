import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { internal, invalidArgument } from '@skiff/errors';
import type { CliContext } from './context';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('ps')
    .description('ps displays the processes running inside a container')
    .argument('<container-id>')
    .argument('[ps-options...]', 'options passed to ps (default -ef)')
    .option('-f, --format <format>', 'select one of: table or json', 'table')
    .passThroughOptions()
    .action((id: string, psArgs: string[], flags: { format: string }) => {
      const pids = ctx().runtime.pids(id);
      if (flags.format === 'json') {
        process.stdout.write(JSON.stringify(pids) + '\n');
        return;
      }
      if (flags.format !== 'table') throw invalidArgument('invalid format option');
      const result = spawnSync('ps', psArgs.length > 0 ? psArgs : ['-ef'], { encoding: 'utf8' });
      if (result.status !== 0) throw internal(`ps: ${result.stderr || result.error?.message}`);
      const lines = result.stdout.split('\n');
      const header = lines[0] ?? '';
      const pidColumn = header.trim().split(/\s+/).indexOf('PID');
      if (pidColumn < 0) throw internal("couldn't find PID field in ps output");
      const wanted = new Set(pids);
      const rows = lines.slice(1).filter((l) => wanted.has(Number(l.trim().split(/\s+/)[pidColumn])));
      process.stdout.write([header, ...rows].join('\n') + '\n');
    });
}
