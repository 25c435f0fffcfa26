// `docker top`: as dockerd does it, the host's ps with the client's arguments, keeping the header
// and the rows whose PID is one of the container's processes.
import { execFile } from 'node:child_process';
import { invalidArgument } from '@skiff/errors';

export interface TopResult {
  Titles: string[];
  Processes: string[][];
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ps', args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(invalidArgument(`ps: ${(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/** Splits ps output into titles and rows; the last column (the command) keeps its spaces. */
export function parsePs(output: string, pids: ReadonlySet<number>): TopResult {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const Titles = (lines[0] ?? '').trim().split(/\s+/);
  const pidColumn = Titles.indexOf('PID');
  if (pidColumn < 0) throw invalidArgument(`Couldn't find PID field in ps output`);
  const Processes: string[][] = [];
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < Titles.length) continue;
    const row = [...fields.slice(0, Titles.length - 1), fields.slice(Titles.length - 1).join(' ')];
    if (pids.has(Number(row[pidColumn]))) Processes.push(row);
  }
  return { Titles, Processes };
}

export async function top(pids: number[], psArgs: string): Promise<TopResult> {
  const args = psArgs.trim() === '' ? ['-ef'] : psArgs.trim().split(/\s+/);
  return parsePs(await run(args), new Set(pids));
}
