import type { CliContext } from '../context';
import { readArchive } from './archive-io';
import { renderProgress } from './pull';

export async function load(ctx: CliContext, options: { input?: string; quiet?: boolean }): Promise<number> {
  if (options.input === undefined && ctx.stdin.isTTY) {
    ctx.stderr.write('requested load from stdin, but stdin is empty\n');
    return 1;
  }
  return renderProgress(ctx, await ctx.engine.loadImages(readArchive(ctx, options.input), options.quiet === true), ctx.stdout);
}
