import type { CliContext } from '../context';
import { reportError } from '../errors';

/** docker rename prints nothing; an empty new name is refused before asking the daemon. */
export async function rename(ctx: CliContext, container: string, name: string): Promise<number> {
  if (!name.trim()) {
    ctx.stderr.write('Error: neither old nor new names may be empty\n');
    return 1;
  }
  try {
    await ctx.engine.renameContainer(container, name);
  } catch (err) {
    reportError(ctx, err);
    ctx.stderr.write(`Error: failed to rename container named ${container}\n`);
    return 1;
  }
  return 0;
}
