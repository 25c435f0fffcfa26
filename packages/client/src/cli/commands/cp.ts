// docker cp in both directions over the archive routes. Tars are made and unpacked by GNU tar
// (a Debian base package): it already knows every file type, owner and link rule cp needs.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathStat } from '../../sdk/client';
import type { CliContext } from '../context';
import { humanSize } from '../format';

/** "container:path" splits at the first colon, unless the text before it looks like a local path. */
function splitCopyArg(arg: string): { container?: string; path: string } {
  if (arg.startsWith('/') || arg.startsWith('.')) return { path: arg };
  const colon = arg.indexOf(':');
  return colon <= 0 ? { path: arg } : { container: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

function tar(args: string[], stdin: 'pipe' | 'ignore'): ReturnType<typeof spawn> {
  return spawn('tar', args, { stdio: [stdin, stdin === 'pipe' ? 'ignore' : 'pipe', 'pipe'] });
}

function finished(child: ReturnType<typeof spawn>): Promise<void> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `tar exited with status ${code}`)))),
  );
}

/** Counts what flows through, for docker's "Successfully copied" line. */
function counted(source: Readable, onBytes: (n: number) => void): Readable {
  source.on('data', (chunk: Buffer) => onBytes(chunk.length));
  return source;
}

async function fromContainer(ctx: CliContext, container: string, source: string, dest: string, options: { followLink?: boolean; quiet?: boolean }): Promise<number> {
  let archive = await ctx.engine.getArchive(container, source);
  const stat = pathStat(archive);
  if (options.followLink && stat.linkTarget) {
    archive.resume();
    archive = await ctx.engine.getArchive(container, stat.linkTarget);
  }
  if (dest === '-') {
    await pipeline(archive, ctx.stdout, { end: false });
    return 0;
  }
  let bytes = 0;
  const into = fs.existsSync(dest) && fs.statSync(dest).isDirectory();
  const target = into ? dest : path.dirname(path.resolve(dest));
  if (!fs.existsSync(target)) {
    archive.resume();
    ctx.stderr.write(`Error: no such directory: ${target}\n`);
    return 1;
  }
  const staging = into ? undefined : fs.mkdtempSync(path.join(target, '.skiff-cp-'));
  try {
    const child = tar(['-x', '-C', staging ?? target, '-f', '-', '--no-same-owner'], 'pipe');
    const done = finished(child);
    await pipeline(counted(archive, (n) => (bytes += n)), child.stdin!);
    await done;
    if (staging) {
      // The tar's top entry carries the source's name; the destination names it here.
      const top = fs.readdirSync(staging)[0]!;
      fs.rmSync(dest, { recursive: true, force: true });
      fs.renameSync(path.join(staging, top), dest);
    }
  } finally {
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
  }
  if (!options.quiet) ctx.stderr.write(`Successfully copied ${humanSize(bytes)} to ${dest}\n`);
  return 0;
}

async function toContainer(ctx: CliContext, source: string, container: string, dest: string, options: { archive?: boolean; followLink?: boolean; quiet?: boolean }): Promise<number> {
  if (source === '-') {
    await ctx.engine.putArchive(container, dest, ctx.stdin, { copyUIDGID: options.archive });
    return 0;
  }
  if (!fs.existsSync(source)) {
    ctx.stderr.write(`lstat ${path.resolve(source)}: no such file or directory\n`);
    return 1;
  }
  let destIsDir = false;
  try {
    destIsDir = ((await ctx.engine.statPath(container, dest)).mode & 0x80000000) !== 0;
  } catch {
    destIsDir = dest.endsWith('/');
  }
  const base = path.basename(path.resolve(source));
  const dir = destIsDir ? dest : path.posix.dirname(dest);
  const rename = destIsDir ? [] : [`--transform=s|^${base.replace(/[|\\&]/g, '\\$&')}|${path.posix.basename(dest).replace(/[|\\&]/g, '\\$&')}|`];
  const child = tar(['-c', '-f', '-', '-C', path.dirname(path.resolve(source)), ...(options.followLink ? ['-h'] : []), ...rename, base], 'ignore');
  const done = finished(child);
  let bytes = 0;
  await ctx.engine.putArchive(container, dir, counted(child.stdout!, (n) => (bytes += n)), { copyUIDGID: options.archive });
  await done;
  if (!options.quiet) ctx.stderr.write(`Successfully copied ${humanSize(bytes)} to ${container}:${dest}\n`);
  return 0;
}

/** The "Successfully copied" line goes to a terminal only, as docker's. */
export async function cp(ctx: CliContext, from: string, to: string, flags: { archive?: boolean; followLink?: boolean; quiet?: boolean }): Promise<number> {
  const options = { ...flags, quiet: flags.quiet || (ctx.stderr as { isTTY?: boolean }).isTTY !== true };
  const source = splitCopyArg(from);
  const dest = splitCopyArg(to);
  if (source.container && dest.container) {
    ctx.stderr.write('copying between containers is not supported\n');
    return 1;
  }
  if (!source.container && !dest.container) {
    ctx.stderr.write('must specify at least one container source\n');
    return 1;
  }
  if (source.container) return fromContainer(ctx, source.container, source.path, dest.path, options);
  return toContainer(ctx, source.path, dest.container!, dest.path, options);
}
