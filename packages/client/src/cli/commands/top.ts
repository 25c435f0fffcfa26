import type { CliContext } from '../context';
import { tabwrite } from '../template';

/** The daemon's ps columns, aligned as docker's tabwriter (minimum width 20, padding 3). */
export async function top(ctx: CliContext, container: string, psArgs: string[]): Promise<number> {
  const result = await ctx.engine.topContainer(container, psArgs.length ? psArgs.join(' ') : undefined);
  const lines = [(result.Titles ?? []).join('\t'), ...(result.Processes ?? []).map((p) => p.join('\t'))];
  ctx.stdout.write(tabwrite(lines, 20));
  return 0;
}
