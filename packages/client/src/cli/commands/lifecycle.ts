// start, stop, restart, kill, pause, unpause, rm, wait: one request per named container.
import type { CliContext } from '../context';
import { forEach } from './each';
import { streamContainer } from './stream';

/**
 * docker start; attached (-a, -i), signals go to the container, and the first SIGINT or SIGTERM
 * also ends the attachment (exit 0) while the container goes on, as docker 28 does.
 */
export async function start(ctx: CliContext, names: string[], options: { attach?: boolean; interactive?: boolean; detachKeys?: string }): Promise<number> {
  if (options.attach || options.interactive) {
    const exit = await streamContainer(ctx, names[0]!, { stdin: options.interactive, start: true, detachKeys: options.detachKeys, sigProxy: true, detachOnInterrupt: true });
    return exit === 'detached' ? 0 : exit;
  }
  return forEach(ctx, names, async (name) => {
    await ctx.engine.startContainer(name);
    return name;
  });
}

export function stop(ctx: CliContext, names: string[], options: { time?: number; signal?: string }): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.stopContainer(name, options.time);
    return name;
  });
}

export function kill(ctx: CliContext, names: string[], options: { signal?: string }): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.killContainer(name, options.signal);
    return name;
  });
}

export function rm(ctx: CliContext, names: string[], options: { force?: boolean; volumes?: boolean }): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.removeContainer(name, options);
    return name;
  });
}

export function wait(ctx: CliContext, names: string[]): Promise<number> {
  return forEach(ctx, names, async (name) => String((await ctx.engine.waitContainer(name)).StatusCode));
}

export function restart(ctx: CliContext, names: string[], options: { time?: number }): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.restartContainer(name, options.time);
    return name;
  });
}

export function pause(ctx: CliContext, names: string[]): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.pauseContainer(name);
    return name;
  });
}

export function unpause(ctx: CliContext, names: string[]): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.unpauseContainer(name);
    return name;
  });
}
