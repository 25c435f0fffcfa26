// docker image prune: dangling images, or with --all every image no container uses, after
// docker's question unless --force.
import type { CliContext } from '../context';
import type { Filters } from '../flags';
import { humanSize } from '../format';
import { confirm } from './prune';

export async function imagePrune(ctx: CliContext, options: { all?: boolean; force?: boolean; filter?: Filters }): Promise<number> {
  const warning = options.all
    ? 'WARNING! This will remove all images without at least one container associated to them.'
    : 'WARNING! This will remove all dangling images.';
  if (!options.force && !(await confirm(ctx, warning))) return 0;
  const result = await ctx.engine.pruneImages({ all: options.all, filters: options.filter });
  const deleted = result.ImagesDeleted ?? [];
  if (deleted.length) ctx.stdout.write(`Deleted Images:\n${deleted.map((i) => (i.Untagged ? `untagged: ${i.Untagged}\n` : `deleted: ${i.Deleted}\n`)).join('')}\n`);
  ctx.stdout.write(`Total reclaimed space: ${humanSize(result.SpaceReclaimed ?? 0)}\n`);
  return 0;
}
