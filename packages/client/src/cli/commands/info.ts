import type { CliContext } from '../context';
import { objectFormat } from '../format';
import { renderTemplate } from '../template';

function gib(bytes: number): string {
  return `${Number((bytes / 1024 ** 3).toFixed(2))}GiB`;
}

export async function info(ctx: CliContext, options: { format?: string }): Promise<number> {
  const i = await ctx.engine.info();
  if (options.format) {
    ctx.stdout.write(`${renderTemplate(objectFormat(options.format), i)}\n`);
    return 0;
  }
  const lines: Array<[string, unknown]> = [
    [' Containers', i.Containers],
    ['  Running', i.ContainersRunning],
    ['  Paused', i.ContainersPaused],
    ['  Stopped', i.ContainersStopped],
    [' Images', i.Images],
    [' Server Version', i.ServerVersion],
    [' Storage Driver', i.Driver],
    [' Cgroup Driver', i.CgroupDriver],
    [' Cgroup Version', i.CgroupVersion],
    [' Kernel Version', i.KernelVersion],
    [' Operating System', i.OperatingSystem],
    [' OSType', i.OSType],
    [' Architecture', i.Architecture],
    [' CPUs', i.NCPU],
    [' Total Memory', i.MemTotal === undefined ? undefined : gib(i.MemTotal)],
    [' Name', i.Name],
    [' ID', i.ID],
    [' Docker Root Dir', i.DockerRootDir],
  ];
  ctx.stdout.write(`Server:\n${lines.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${v}\n`).join('')}`);
  return 0;
}
