// docker update: new resource limits and restart policy for containers, running or not.
import { Option } from 'commander';
import type { ContainerUpdateBody } from '@skiff/engine-api';
import type { CliContext } from '../context';
import { FlagError } from '../flags';
import type { DockerCommand } from '../help';
import { parseGoInt, parseNanoCpus, parseRamSize, parseRestartPolicy, parseSwapSize, ValueError } from '../container-values';
import { forEach } from './each';

export interface UpdateFlags {
  blkioWeight?: number;
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuRtPeriod?: number;
  cpuRtRuntime?: number;
  cpuShares?: number;
  cpus?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  memory?: number;
  memoryReservation?: number;
  memorySwap?: number;
  pidsLimit?: number;
  restart?: string;
}

/** docker 28's update flags, each value checked while parsing as pflag does (usage error, 125). */
export function addUpdateFlags(command: DockerCommand): DockerCommand {
  const checked = (flags: string, description: string, parse: (value: string) => number) =>
    new Option(flags, description).argParser((value: string) => {
      try {
        return parse(value);
      } catch (err) {
        if (!(err instanceof ValueError)) throw err;
        throw new FlagError(`invalid argument "${value}" for "${flags.replace(/ <.*$/, '')}" flag: ${err.message}`, command.usage());
      }
    });
  const uint16 = (value: string) => {
    const n = parseGoInt(value);
    if (n < 0 || n > 65535) throw new ValueError(`strconv.ParseUint: parsing ${JSON.stringify(value)}: value out of range`);
    return n;
  };
  for (const option of [
    checked('--blkio-weight <uint16>', 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)', uint16),
    checked('--cpu-period <int>', 'Limit CPU CFS (Completely Fair Scheduler) period', parseGoInt),
    checked('--cpu-quota <int>', 'Limit CPU CFS (Completely Fair Scheduler) quota', parseGoInt),
    checked('--cpu-rt-period <int>', 'Limit the CPU real-time period in microseconds', parseGoInt),
    checked('--cpu-rt-runtime <int>', 'Limit the CPU real-time runtime in microseconds', parseGoInt),
    checked('-c, --cpu-shares <int>', 'CPU shares (relative weight)', parseGoInt),
    checked('--cpus <decimal>', 'Number of CPUs', parseNanoCpus),
    new Option('--cpuset-cpus <string>', 'CPUs in which to allow execution (0-3, 0,1)'),
    new Option('--cpuset-mems <string>', 'MEMs in which to allow execution (0-3, 0,1)'),
    checked('-m, --memory <bytes>', 'Memory limit', parseRamSize),
    checked('--memory-reservation <bytes>', 'Memory soft limit', parseRamSize),
    checked('--memory-swap <bytes>', 'Swap limit equal to memory plus swap: -1 to enable unlimited swap', parseSwapSize),
    checked('--pids-limit <int>', 'Tune container pids limit (set -1 for unlimited)', parseGoInt),
    new Option('--restart <string>', 'Restart policy to apply when a container exits'),
  ]) {
    command.addOption(option);
  }
  return command;
}

/** The update body of the flags given; undefined when none was (docker refuses that). */
export function updateBody(flags: UpdateFlags): ContainerUpdateBody | undefined {
  const body: ContainerUpdateBody & { BlkioWeight?: number; CpuRealtimePeriod?: number; CpuRealtimeRuntime?: number } = {
    ...(flags.blkioWeight !== undefined ? { BlkioWeight: flags.blkioWeight } : {}),
    ...(flags.cpuPeriod !== undefined ? { CpuPeriod: flags.cpuPeriod } : {}),
    ...(flags.cpuQuota !== undefined ? { CpuQuota: flags.cpuQuota } : {}),
    ...(flags.cpuRtPeriod !== undefined ? { CpuRealtimePeriod: flags.cpuRtPeriod } : {}),
    ...(flags.cpuRtRuntime !== undefined ? { CpuRealtimeRuntime: flags.cpuRtRuntime } : {}),
    ...(flags.cpuShares !== undefined ? { CpuShares: flags.cpuShares } : {}),
    ...(flags.cpus !== undefined ? { NanoCpus: flags.cpus } : {}),
    ...(flags.cpusetCpus !== undefined ? { CpusetCpus: flags.cpusetCpus } : {}),
    ...(flags.cpusetMems !== undefined ? { CpusetMems: flags.cpusetMems } : {}),
    ...(flags.memory !== undefined ? { Memory: flags.memory } : {}),
    ...(flags.memoryReservation !== undefined ? { MemoryReservation: flags.memoryReservation } : {}),
    ...(flags.memorySwap !== undefined ? { MemorySwap: flags.memorySwap } : {}),
    ...(flags.pidsLimit !== undefined ? { PidsLimit: flags.pidsLimit } : {}),
  };
  if (flags.restart !== undefined) body.RestartPolicy = parseRestartPolicy(flags.restart);
  return Object.keys(body).length ? body : undefined;
}

export async function update(ctx: CliContext, names: string[], flags: UpdateFlags): Promise<number> {
  let body: ContainerUpdateBody | undefined;
  try {
    body = updateBody(flags);
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    ctx.stderr.write(`${err.message}\n`);
    return 1;
  }
  if (!body) {
    ctx.stderr.write('you must provide one or more flags when using this command\n');
    return 1;
  }
  const request = body;
  return forEach(ctx, names, async (name) => {
    await ctx.engine.updateContainer(name, request);
    return name;
  });
}
