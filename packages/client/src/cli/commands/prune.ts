// The prune verbs' shared prompt and report, worded as docker's.
import type { CliContext } from '../context';
import { humanSize } from '../format';

/** docker's "[y/N]" question on stdin; anything but y/Y (or no stdin) says no. */
export async function confirm(ctx: CliContext, warning: string): Promise<boolean> {
  ctx.stdout.write(`${warning}\nAre you sure you want to continue? [y/N] `);
  const answer = await new Promise<string>((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) done();
    };
    const done = () => {
      ctx.stdin.off('data', onData);
      ctx.stdin.off('end', done);
      ctx.stdin.pause();
      resolve(text);
    };
    ctx.stdin.on('data', onData);
    ctx.stdin.once('end', done);
    ctx.stdin.resume();
  });
  return /^y(es)?$/i.test(answer.trim());
}

/** "Deleted ...:" and the names, then the space reclaimed when the route reports one. */
export function printPruned(ctx: CliContext, title: string, names: string[] | null | undefined, reclaimed?: number): void {
  if (names?.length) ctx.stdout.write(`${title}\n${names.map((n) => `${n}\n`).join('')}\n`);
  if (reclaimed !== undefined) ctx.stdout.write(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
}
