import type { CliContext } from '../context';
import { reportError } from '../errors';

/** docker rmi: Docker's "Untagged:"/"Deleted:" lines per image, each failure its own error. */
export async function rmi(ctx: CliContext, names: string[], options: { force?: boolean; noPrune?: boolean }): Promise<number> {
  let status = 0;
  for (const name of names) {
    try {
      for (const item of await ctx.engine.removeImage(name, options)) {
        if (item.Untagged) ctx.stdout.write(`Untagged: ${item.Untagged}\n`);
        if (item.Deleted) ctx.stdout.write(`Deleted: ${item.Deleted}\n`);
      }
    } catch (err) {
      reportError(ctx, err);
      status = 1;
    }
  }
  return status;
}
