// docker container prune: every stopped container, after docker's question unless --force.
import type { CliContext } from '../context';
import type { Filters } from '../flags';
import { confirm, printPruned } from './prune';

export async function containerPrune(ctx: CliContext, options: { force?: boolean; filter?: Filters }): Promise<number> {
  if (!options.force && !(await confirm(ctx, 'WARNING! This will remove all stopped containers.'))) return 0;
  const result = await ctx.engine.pruneContainers({ filters: options.filter });
  printPruned(ctx, 'Deleted Containers:', result.ContainersDeleted, result.SpaceReclaimed ?? 0);
  return 0;
}
