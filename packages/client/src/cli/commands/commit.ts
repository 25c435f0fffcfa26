import type { CliContext } from '../context';
import { normalizeReference } from './pull';

export async function commit(ctx: CliContext, container: string, reference: string | undefined, options: { author?: string; message?: string; change?: string[]; pause: boolean }): Promise<number> {
  const ref = reference === undefined ? undefined : normalizeReference(reference);
  const { Id } = await ctx.engine.commitContainer(container, { repo: ref?.name, tag: ref?.tag, author: options.author, comment: options.message, changes: options.change, pause: options.pause });
  ctx.stdout.write(`${Id}\n`);
  return 0;
}
