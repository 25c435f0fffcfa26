// create and run share the container's configuration from docker's flags, and the image pull
// when the daemon does not have the image yet.
import type { ContainerCreateBody } from '@skiff/engine-api';
import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { isSkiffError } from '@skiff/errors';
import { formatPlatform, parsePlatform } from '@skiff/engine-api';
import type { CliContext } from '../context';
import { normalizeReference, pullImage } from './pull';

export interface ContainerFlags {
  name?: string;
  env?: string[];
  workdir?: string;
  user?: string;
  entrypoint?: string;
  interactive?: boolean;
  tty?: boolean;
  rm?: boolean;
  detach?: boolean;
  detachKeys?: string;
  /** run only: forward skiff's signals to the attached container (docker's default, true). */
  sigProxy?: boolean;
  /** The body parts of docker's other run/create flags (../container-flags.ts), over the ones above. */
  config?: ContainerCreateBody;
  /** --pull: "missing" (docker's default), "always" or "never"; checked while parsing. */
  pull?: string;
  /** -q: no pull output. */
  quiet?: boolean;
  /** --cidfile: the new container's id is written there; it must not exist yet. */
  cidfile?: string;
  /** --platform: sent normalized (containerd's platforms.Format), as the docker CLI sends it. */
  platform?: string;
  /** -a: the streams to attach (lowercase, checked while parsing); none named, stdout and stderr. */
  attach?: Array<'stdin' | 'stdout' | 'stderr'>;
}

/** The streams run attaches (and create records as attached): docker's -a, -i and -d rules. */
export function attachedStreams(flags: ContainerFlags): { stdin: boolean; stdout: boolean; stderr: boolean } {
  if (flags.detach) return { stdin: false, stdout: false, stderr: false };
  const named = new Set(flags.attach ?? []);
  return { stdin: named.has('stdin') || (flags.interactive ?? false), stdout: named.size === 0 || named.has('stdout'), stderr: named.size === 0 || named.has('stderr') };
}

export function createBody(image: string, command: string[], flags: ContainerFlags): ContainerCreateBody {
  const streams = attachedStreams(flags);
  return {
    Image: image,
    ...(command.length ? { Cmd: command } : {}),
    // docker's --entrypoint "" clears the image's entrypoint; any other value is one argument.
    ...(flags.entrypoint !== undefined ? { Entrypoint: flags.entrypoint === '' ? [''] : [flags.entrypoint] } : {}),
    Env: flags.env ?? [],
    ...(flags.workdir ? { WorkingDir: flags.workdir } : {}),
    ...(flags.user ? { User: flags.user } : {}),
    Tty: flags.tty ?? false,
    OpenStdin: flags.interactive ?? false,
    // docker's rule: stdin closes with the first attached client only when run attaches it.
    StdinOnce: streams.stdin && (flags.interactive ?? false),
    AttachStdin: streams.stdin,
    AttachStdout: streams.stdout,
    AttachStderr: streams.stderr,
    ...flags.config,
    HostConfig: { AutoRemove: flags.rm ?? false, ...flags.config?.HostConfig },
  };
}

/** The docker CLI's refusal of a --platform it cannot parse: create prints it plainly with status 1 (run as its other failures). */
export class PlatformFlagError extends Error {}

/** --platform as the docker CLI sends it (normalized), or its refusal. */
function platformQuery(specifier: string | undefined): string | undefined {
  if (!specifier) return undefined;
  const parsed = parsePlatform(specifier);
  if ('error' in parsed) throw new PlatformFlagError(`error parsing specified platform: ${parsed.error}`);
  return formatPlatform(parsed);
}

/** A pull's output, or nowhere with -q. */
function pullOutput(ctx: CliContext, quiet: boolean | undefined): NodeJS.WritableStream & { isTTY?: boolean } {
  return quiet ? new PassThrough().resume() : ctx.stderr;
}

async function pullFirst(ctx: CliContext, image: string, quiet: boolean | undefined, platform: string | undefined): Promise<void> {
  if ((await pullImage(ctx, image, pullOutput(ctx, quiet) as never, true, platform)) !== 0) throw new Error('pull failed');
}

/**
 * Creates the container as docker does: its image pulled first with --pull always, or when the
 * daemon has none with the default --pull missing (never with --pull never); the id written to
 * --cidfile.
 */
export async function createContainer(ctx: CliContext, image: string, command: string[], flags: ContainerFlags): Promise<string> {
  if (flags.cidfile && fs.existsSync(flags.cidfile)) throw new Error(`container ID file found, make sure the other container isn't running or delete ${flags.cidfile}`);
  const body = createBody(image, command, flags);
  const platform = platformQuery(flags.platform);
  const policy = flags.pull ?? 'missing';
  if (policy === 'always') await pullFirst(ctx, image, flags.quiet, platform);
  let id: string;
  try {
    id = (await ctx.engine.createContainer(body, flags.name, platform)).Id;
  } catch (err) {
    // No such image, or one for another platform than --platform's: pulled, as docker does.
    const missing = isSkiffError(err, 'NotFound') && /No such image|does not match the specified platform/.test(err.message);
    if (policy !== 'missing' || !missing) throw err;
    if (!flags.quiet) ctx.stderr.write(`Unable to find image '${normalizeReference(image).familiar}' locally\n`);
    await pullFirst(ctx, image, flags.quiet, platform);
    id = (await ctx.engine.createContainer(body, flags.name, platform)).Id;
  }
  if (flags.cidfile) fs.writeFileSync(flags.cidfile, id);
  return id;
}

export async function create(ctx: CliContext, image: string, command: string[], flags: ContainerFlags): Promise<number> {
  try {
    ctx.stdout.write(`${await createContainer(ctx, image, command, flags)}\n`);
  } catch (err) {
    if (!(err instanceof PlatformFlagError)) throw err;
    ctx.stderr.write(`${err.message}\n`);
    return 1;
  }
  return 0;
}
