import type { CliContext } from '../context';
import { readArchive } from './archive-io';
import { normalizeReference, renderProgress } from './pull';

/** docker import FILE|- [REPOSITORY[:TAG]]: the daemon answers with the new image's id. */
export async function importImage(ctx: CliContext, file: string, reference: string | undefined, options: { change?: string[]; message?: string }): Promise<number> {
  const ref = reference === undefined ? undefined : normalizeReference(reference);
  const messages = await ctx.engine.importImage(readArchive(ctx, file), { repo: ref?.name, tag: ref?.tag, changes: options.change, message: options.message });
  return renderProgress(ctx, messages, ctx.stdout);
}
