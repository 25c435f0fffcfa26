// create and run share the container's configuration from docker's flags, and the image pull
// when the daemon does not have the image yet.
import type { ContainerCreateBody } from '@skiff/engine-api';
import { isSkiffError } from '@skiff/errors';
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
}

export function createBody(image: string, command: string[], flags: ContainerFlags): ContainerCreateBody {
  const attached = !flags.detach;
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
    StdinOnce: attached && (flags.interactive ?? false),
    AttachStdin: attached && (flags.interactive ?? false),
    AttachStdout: attached,
    AttachStderr: attached,
    ...flags.config,
    HostConfig: { AutoRemove: flags.rm ?? false, ...flags.config?.HostConfig },
  };
}

/** Creates the container, pulling its image first if the daemon has none, as docker does. */
export async function createContainer(ctx: CliContext, image: string, command: string[], flags: ContainerFlags): Promise<string> {
  const body = createBody(image, command, flags);
  try {
    return (await ctx.engine.createContainer(body, flags.name)).Id;
  } catch (err) {
    if (!isSkiffError(err, 'NotFound') || !/No such image/.test(err.message)) throw err;
  }
  ctx.stderr.write(`Unable to find image '${normalizeReference(image).familiar}' locally\n`);
  const pulled = await pullImage(ctx, image, ctx.stderr);
  if (pulled !== 0) return Promise.reject(new Error('pull failed'));
  return (await ctx.engine.createContainer(body, flags.name)).Id;
}

export async function create(ctx: CliContext, image: string, command: string[], flags: ContainerFlags): Promise<number> {
  ctx.stdout.write(`${await createContainer(ctx, image, command, flags)}\n`);
  return 0;
}
