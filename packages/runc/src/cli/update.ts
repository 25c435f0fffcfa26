import * as fs from 'node:fs';
import { Command } from 'commander';
import { invalidArgument } from '@skiff/errors';
import type { LinuxResources } from '@skiff/oci-spec';
import { ociSpec } from '../lib/oci-spec-lazy';
import type { CliContext } from './context';

const units: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Sizes as docker/go-units RAMInBytes reads them: "512m", "1g", "1024", "-1". */
export function parseBytes(text: string): number {
  if (text === '-1') return -1;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(text.trim());
  if (!match) throw invalidArgument(`invalid size: '${text}'`);
  return Math.floor(Number(match[1]) * units[match[2]!.toLowerCase()]!);
}

interface UpdateFlags {
  resources?: string;
  blkioWeight?: string;
  cpuPeriod?: string;
  cpuQuota?: string;
  cpuRtPeriod?: string;
  cpuRtRuntime?: string;
  cpuShare?: string;
  cpusetCpus?: string;
  cpusetMems?: string;
  memory?: string;
  memoryReservation?: string;
  memorySwap?: string;
  pidsLimit?: string;
}

function resourcesFromFlags(flags: UpdateFlags): LinuxResources {
  if (flags.resources) {
    const text = flags.resources === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(flags.resources, 'utf8');
    const parsed = ociSpec().LinuxResourcesSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw invalidArgument(`resources: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
  const r: LinuxResources = {};
  const memory: NonNullable<LinuxResources['memory']> = {};
  if (flags.memory) memory.limit = parseBytes(flags.memory);
  if (flags.memoryReservation) memory.reservation = parseBytes(flags.memoryReservation);
  if (flags.memorySwap) memory.swap = parseBytes(flags.memorySwap);
  if (Object.keys(memory).length > 0) r.memory = memory;
  const cpu: NonNullable<LinuxResources['cpu']> = {};
  if (flags.cpuShare) cpu.shares = Number(flags.cpuShare);
  if (flags.cpuQuota) cpu.quota = Number(flags.cpuQuota);
  if (flags.cpuPeriod) cpu.period = Number(flags.cpuPeriod);
  if (flags.cpuRtPeriod) cpu.realtimePeriod = Number(flags.cpuRtPeriod);
  if (flags.cpuRtRuntime) cpu.realtimeRuntime = Number(flags.cpuRtRuntime);
  if (flags.cpusetCpus) cpu.cpus = flags.cpusetCpus;
  if (flags.cpusetMems) cpu.mems = flags.cpusetMems;
  if (Object.keys(cpu).length > 0) r.cpu = cpu;
  if (flags.pidsLimit) r.pids = { limit: Number(flags.pidsLimit) };
  if (flags.blkioWeight) r.blockIO = { weight: Number(flags.blkioWeight) };
  return r;
}

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('update')
    .description('update container resource constraints')
    .argument('<container-id>')
    .option('-r, --resources <file>', 'path to a file containing the resources to update, or "-" to read from stdin')
    .option('--blkio-weight <weight>', 'specifies per cgroup weight, range is from 10 to 1000')
    .option('--cpu-period <us>', 'CPU CFS period to be used for hardcapping')
    .option('--cpu-quota <us>', 'CPU CFS hardcap limit')
    .option('--cpu-rt-period <us>', 'CPU realtime period to be used for hardcapping')
    .option('--cpu-rt-runtime <us>', 'CPU realtime hardcap limit')
    .option('--cpu-share <shares>', 'CPU shares (relative weight vs. other containers)')
    .option('--cpuset-cpus <cpus>', 'CPU(s) to use')
    .option('--cpuset-mems <mems>', 'memory node(s) to use')
    .option('--memory <bytes>', 'memory limit (in bytes)')
    .option('--memory-reservation <bytes>', 'memory reservation or soft_limit (in bytes)')
    .option('--memory-swap <bytes>', 'total memory usage (memory + swap); set "-1" to enable unlimited swap')
    .option('--pids-limit <n>', 'maximum number of pids allowed in the container')
    .option('--kernel-memory <bytes>', 'kernel memory limit (deprecated: ignored, as by the kernel)')
    .option('--kernel-memory-tcp <bytes>', 'kernel memory limit for tcp buffer (deprecated: ignored)')
    .action((id: string, flags: UpdateFlags) => ctx().runtime.update(id, resourcesFromFlags(flags)));
}
