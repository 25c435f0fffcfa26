import type { CliContext } from '../context';

const KINDS = ['C', 'A', 'D'];

/** docker diff: one "C|A|D path" line per change, in the daemon's order as docker prints them. */
export async function diff(ctx: CliContext, container: string): Promise<number> {
  for (const change of (await ctx.engine.containerChanges(container)) ?? []) ctx.stdout.write(`${KINDS[change.Kind] ?? '?'} ${change.Path}\n`);
  return 0;
}
