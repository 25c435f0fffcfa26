import { Writable } from 'node:stream';
import type { CliContext } from '../context';
import { normalizeReference, renderProgress } from './pull';

/** docker push: the daemon's per-layer progress through pull's renderer; no tag pushes all. */
export async function push(ctx: CliContext, reference: string, options: { allTags?: boolean; quiet?: boolean }): Promise<number> {
  const ref = normalizeReference(reference);
  const explicitTag = reference.lastIndexOf(':') > reference.lastIndexOf('/');
  if (!explicitTag && !options.allTags) ctx.stdout.write('Using default tag: latest\n');
  const tag = options.allTags ? undefined : ref.tag;
  const out = options.quiet ? sink : ctx.stdout;
  const status = await renderProgress(ctx, await ctx.engine.push(ref.name, tag), out);
  if (status === 0 && options.quiet) ctx.stdout.write(`${ref.familiar}\n`);
  return status;
}

/** -q: the progress is read and dropped. */
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
