import type { CliContext } from '../context';
import { normalizeReference } from './pull';

export async function tag(ctx: CliContext, source: string, target: string): Promise<number> {
  const ref = normalizeReference(target);
  if (ref.digest) {
    ctx.stderr.write('Error response from daemon: refusing to create a tag with a digest reference\n');
    return 1;
  }
  await ctx.engine.tagImage(source, ref.name, ref.tag);
  return 0;
}
