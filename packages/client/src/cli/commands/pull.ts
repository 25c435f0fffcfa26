// docker pull: progress as docker prints it, one line per layer redrawn in place on a terminal,
// plain status lines otherwise (lines carrying only a byte count are left out there).
import type { Writable } from 'node:stream';
import type { ProgressMessage } from '@skiff/engine-api';
import type { CliContext } from '../context';

/** Docker Hub's implied registry and library/ namespace, and the implied :latest tag. */
export function normalizeReference(reference: string): { name: string; tag?: string; digest?: string; familiar: string; full: string } {
  const [withoutDigest, digest] = reference.split('@') as [string, string | undefined];
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : digest ? undefined : 'latest';
  const first = name.split('/')[0]!;
  const hasDomain = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const full = hasDomain ? name : `docker.io/${name.includes('/') ? name : `library/${name}`}`;
  const suffix = `${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return { name, tag, digest, familiar: `${name}${suffix}`, full: `${full}${suffix}` };
}

/**
 * `implicit`: the pull of run or create, which does not announce the default tag (docker's).
 * `platform`: the specifier, as the docker CLI sends it (run and create normalize theirs first).
 */
export async function pullImage(ctx: CliContext, reference: string, out: Writable & { isTTY?: boolean }, implicit = false, platform?: string): Promise<number> {
  const ref = normalizeReference(reference);
  if (!implicit && (!reference.includes(':') || reference.lastIndexOf(':') < reference.lastIndexOf('/'))) {
    if (!ref.digest) out.write(`Using default tag: latest\n`);
  }
  return renderProgress(ctx, await ctx.engine.pull(ref.name, ref.digest ?? ref.tag, platform), out);
}

/** Pull, push, load and import progress: per-layer lines, an `error` line is the failure (1). */
export async function renderProgress(ctx: CliContext, messages: AsyncIterable<ProgressMessage>, out: Writable & { isTTY?: boolean }): Promise<number> {
  const terminal = out.isTTY === true;
  const lines = new Map<string, number>();
  for await (const message of messages) {
    if (message.error) {
      ctx.stderr.write(`${message.error}\n`);
      return 1;
    }
    const progress = message.progressDetail !== undefined && ((message.progressDetail.current ?? 0) > 0 || (message.progressDetail.total ?? 0) > 0);
    const prefix = message.id ? `${message.id}: ` : '';
    if (message.id && (message.progressDetail !== undefined || message.progress)) {
      if (!terminal) {
        if (!progress) out.write(`${prefix}${message.status ?? ''}\n`);
        continue;
      }
      let line = lines.get(message.id);
      if (line === undefined) {
        line = lines.size;
        lines.set(message.id, line);
        out.write('\n');
      }
      const up = lines.size - line;
      out.write(`\x1b[${up}A\x1b[2K\r${prefix}${message.status ?? ''}${message.progress ? ` ${message.progress}` : ''}\r\x1b[${up}B`);
      continue;
    }
    // An aux message (push's digest record) is for programs: docker prints nothing for it.
    if ((message as { aux?: unknown }).aux !== undefined && message.status === undefined && message.stream === undefined) continue;
    lines.clear();
    // `stream` lines (load's "Loaded image: ...") carry their own newline.
    if (message.stream !== undefined) out.write(message.stream);
    else out.write(`${prefix}${message.status ?? ''}\n`);
  }
  return 0;
}

/** `platform` goes to the daemon as typed, which reads it (and refuses a bad one), as docker's does. */
export async function pull(ctx: CliContext, reference: string, options: { platform?: string } = {}): Promise<number> {
  const status = await pullImage(ctx, reference, ctx.stdout, false, options.platform || undefined);
  if (status === 0) ctx.stdout.write(`${normalizeReference(reference).full}\n`);
  return status;
}
