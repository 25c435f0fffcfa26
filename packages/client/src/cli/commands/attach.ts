import type { CliContext } from '../context';
import { reportDetached, streamContainer } from './stream';

/**
 * docker attach: the running container's streams until it exits (its exit code) or the detach
 * keys are typed (docker's "read escape sequence", 1); with --sig-proxy (the default, without a TTY) the signals skiff receives
 * go to the container.
 */
export async function attach(ctx: CliContext, container: string, options: { stdin: boolean; detachKeys?: string; sigProxy: boolean }): Promise<number> {
  const inspect = await ctx.engine.inspectContainer(container);
  if (inspect.State?.Running !== true) {
    ctx.stderr.write('You cannot attach to a stopped container, start it first\n');
    return 1;
  }
  if (inspect.State?.Paused === true) {
    ctx.stderr.write('You cannot attach to a paused container, unpause it first\n');
    return 1;
  }
  const exit = await streamContainer(ctx, container, {
    stdin: options.stdin && inspect.Config.OpenStdin === true,
    detachKeys: options.detachKeys,
    waitCondition: 'not-running',
    sigProxy: options.sigProxy,
  });
  return exit === 'detached' ? reportDetached(ctx) : exit;
}
