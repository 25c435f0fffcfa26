// docker stats: CPU %, memory, network, block I/O and pids from the daemon's samples, computed
// as the docker CLI does; live, the table is redrawn in place on a terminal.
import type { ContainerStats } from '@skiff/engine-api';
import type { CliContext } from '../context';
import { bytesSize, formatRows, humanSize, shortId } from '../format';

const DEFAULT_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
const HEADERS = { ID: 'CONTAINER ID', Container: 'CONTAINER', Name: 'NAME', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS' };

/** The CPU share since the previous sample, scaled by the online CPUs (docker's formula). */
export function cpuPercent(s: ContainerStats): number {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
}

/** Usage without the page cache: cgroup v1's total_inactive_file, v2's inactive_file. */
export function memoryUsage(s: ContainerStats): number {
  const usage = s.memory_stats?.usage ?? 0;
  const stats = s.memory_stats?.stats ?? {};
  const inactive = stats.total_inactive_file ?? stats.inactive_file;
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

/** One row; `reference` is the container as the user named it (docker's Container column). */
export function statsRow(s: ContainerStats, reference: string, noTrunc: boolean) {
  const id = s.id ?? reference;
  const memory = memoryUsage(s);
  const limit = s.memory_stats?.limit ?? 0;
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(s.networks ?? {})) {
    rx += net.rx_bytes;
    tx += net.tx_bytes;
  }
  let read = 0;
  let write = 0;
  for (const entry of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    if (entry.op.toLowerCase() === 'read') read += entry.value;
    if (entry.op.toLowerCase() === 'write') write += entry.value;
  }
  const name = (s.name ?? '').replace(/^\//, '');
  return {
    ID: noTrunc ? id : shortId(id),
    Container: reference,
    Name: name || '--',
    CPUPerc: `${cpuPercent(s).toFixed(2)}%`,
    MemUsage: `${bytesSize(memory)} / ${bytesSize(limit)}`,
    MemPerc: `${(limit > 0 ? (memory / limit) * 100 : 0).toFixed(2)}%`,
    NetIO: `${humanSize(rx)} / ${humanSize(tx)}`,
    BlockIO: `${humanSize(read)} / ${humanSize(write)}`,
    PIDs: String(s.pids_stats?.current ?? 0),
  };
}

export async function stats(ctx: CliContext, names: string[], options: { all?: boolean; noStream?: boolean; noTrunc?: boolean; format?: string }): Promise<number> {
  // Listed containers are named by their short id, as docker's stats names them.
  const ids = names.length ? names : (await ctx.engine.listContainers({ all: options.all })).map((c) => shortId(c.Id));
  const render = (rows: object[]) => formatRows(options.format, DEFAULT_FORMAT, rows, HEADERS);
  if (options.noStream) {
    const rows = [];
    for (const id of ids) for await (const sample of await ctx.engine.containerStats(id, false)) rows.push(statsRow(sample, id, options.noTrunc === true));
    ctx.stdout.write(render(rows));
    return 0;
  }
  const latest = new Map<string, ReturnType<typeof statsRow>>(ids.map((id) => [id, statsRow({}, id, options.noTrunc === true)]));
  const readers = ids.map(async (id) => {
    for await (const sample of await ctx.engine.containerStats(id, true)) latest.set(id, statsRow(sample, id, options.noTrunc === true));
  });
  const draw = () => ctx.stdout.write(`${ctx.stdout.isTTY ? '\x1b[2J\x1b[H' : ''}${render([...latest.values()])}`);
  const timer = setInterval(draw, 500);
  try {
    await Promise.all(readers);
  } finally {
    clearInterval(timer);
  }
  draw();
  return 0;
}
