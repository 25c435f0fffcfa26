import type { CliContext } from '../context';
import { TERMINAL_REFUSAL, writeArchive } from './archive-io';

export async function exportContainer(ctx: CliContext, container: string, options: { output?: string }): Promise<number> {
  if (options.output === undefined && ctx.stdout.isTTY) {
    ctx.stderr.write(`${TERMINAL_REFUSAL}\n`);
    return 1;
  }
  await writeArchive(ctx, await ctx.engine.exportContainer(container), options.output);
  return 0;
}
