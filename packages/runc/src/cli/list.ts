import * as fs from 'node:fs';
import { Command } from 'commander';
import { invalidArgument } from '@skiff/errors';
import type { CliContext } from './context';

/** Columns padded like Go's tabwriter with minwidth 12, padding 3, which runc uses. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(12, ...rows.map((r) => (r[col] ?? '').length + 3)));
  return rows
    .map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join(''))
    .join('\n') + '\n';
}

function ownerName(dir: string): string {
  try {
    const uid = fs.statSync(dir).uid;
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.split(':')[2] === String(uid));
    return line?.split(':')[0] ?? String(uid);
  } catch {
    return '';
  }
}

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('list')
    .alias('ps-list')
    .description('lists containers started by skiff-runc with the given root')
    .option('-f, --format <format>', 'select one of: table or json', 'table')
    .option('-q, --quiet', 'display only container IDs')
    .action((flags: { format: string; quiet?: boolean }) => {
      const { runtime } = ctx();
      const states = runtime.list();
      if (flags.quiet) {
        process.stdout.write(states.map((s) => `${s.id}\n`).join(''));
        return;
      }
      if (flags.format === 'json') {
        const withOwner = states.map((s) => ({ ...s, owner: ownerName(runtime.store.dirOf(s.id)) }));
        process.stdout.write(JSON.stringify(withOwner) + '\n');
        return;
      }
      if (flags.format !== 'table') throw invalidArgument(`invalid format option`);
      const rows = [['ID', 'PID', 'STATUS', 'BUNDLE', 'CREATED', 'OWNER']];
      for (const s of states) {
        rows.push([s.id, String(s.pid), s.status, s.bundle, s.created, ownerName(runtime.store.dirOf(s.id))]);
      }
      process.stdout.write(formatTable(rows));
    });
}
