import { DaemonError } from '../../sdk/errors';
import type { CliContext } from '../context';
import { asSkiffError } from '@skiff/errors';
import { attachedStreams, type ContainerFlags, createContainer } from './create';
import { streamContainer } from './stream';

/**
 * docker's exit statuses for a run that never got the command going: 125 when the daemon
 * refused, 126 when the command cannot be executed, 127 when it does not exist.
 */
export function startFailureStatus(message: string): number {
  if (/executable file not found|no such file or directory/i.test(message)) return 127;
  if (/permission denied|exec format error/i.test(message)) return 126;
  return 125;
}

/** docker run's report of a failure of its own: "docker: <error>" and the pointer to --help. */
function reportRunError(ctx: CliContext, err: unknown): void {
  const text = err instanceof DaemonError ? `Error response from daemon: ${err.message}` : asSkiffError(err).message;
  ctx.stderr.write(`skiff: ${text}\n\nRun 'skiff run --help' for more information\n`);
}

export async function run(ctx: CliContext, image: string, command: string[], flags: ContainerFlags): Promise<number> {
  if (flags.detach && flags.attach?.length) {
    // As docker 28: plainly, before anything reaches the daemon.
    ctx.stderr.write('conflicting options: cannot specify both --attach and --detach\n');
    return 1;
  }
  let id: string;
  try {
    id = await createContainer(ctx, image, command, flags);
  } catch (err) {
    reportRunError(ctx, err);
    return 125;
  }
  try {
    if (flags.detach) {
      await ctx.engine.startContainer(id);
      ctx.stdout.write(`${id}\n`);
      return 0;
    }
    // docker run says nothing after the detach keys and exits 0.
    const exit = await streamContainer(ctx, id, { ...attachedStreams(flags), start: true, autoRemove: flags.rm, detachKeys: flags.detachKeys, sigProxy: flags.sigProxy !== false });
    return exit === 'detached' ? 0 : exit;
  } catch (err) {
    reportRunError(ctx, err);
    if (flags.rm) await ctx.engine.removeContainer(id, { force: true }).catch(() => undefined);
    return err instanceof DaemonError ? startFailureStatus(err.message) : 125;
  }
}
