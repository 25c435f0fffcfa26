// top (the host's ps, filtered to the container's pids) and stats (Docker's JSON from a cgroup
// sample) over the fake.
import { parsePs } from '../../src/core/top';
import { statsDocument, systemCpuUsageNs } from '../../src/core/stats';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

async function running(): Promise<string> {
  const id = (await d.app.inject({ method: 'POST', url: '/containers/create?name=watched', payload: { Image: 'busybox' } })).json().Id as string;
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  return id;
}

it('parses ps output, keeping the command\'s spaces and only the given pids', () => {
  const out = 'UID   PID  PPID  C STIME TTY  TIME     CMD\nroot  10   1     0 10:00 ?    00:00:00 sleep 100\nroot  11   1     0 10:00 ?    00:00:00 other thing\n';
  expect(parsePs(out, new Set([10]))).toEqual({ Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: [['root', '10', '1', '0', '10:00', '?', '00:00:00', 'sleep 100']] });
});

it('top lists the container\'s processes with ps -ef columns; a stopped container is a conflict', async () => {
  const id = await running();
  d.port.tasks.get(id)!.pid = process.pid;
  const r = await d.app.inject({ method: 'GET', url: '/containers/watched/top' });
  expect(r.statusCode).toBe(200);
  expect(r.json().Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
  expect(r.json().Processes.map((p: string[]) => p[1])).toEqual([String(process.pid)]);
  expect((await d.app.inject({ method: 'GET', url: '/containers/watched/top?ps_args=-o%20pid,comm' })).json().Titles).toEqual(['PID', 'COMMAND']);
  d.port.exit(id, 0);
  await new Promise((resolve) => setImmediate(resolve));
  expect((await d.app.inject({ method: 'GET', url: '/containers/watched/top' })).statusCode).toBe(409);
});

it('one-shot stats carry Docker\'s fields; an unlimited memory limit shows the host\'s memory', async () => {
  await running();
  const r = await d.app.inject({ method: 'GET', url: '/containers/watched/stats?stream=false&one-shot=true' });
  expect(r.statusCode).toBe(200);
  const s = r.json();
  expect(s).toMatchObject({
    name: '/watched',
    preread: '0001-01-01T00:00:00Z',
    pids_stats: { current: 1 },
    cpu_stats: { cpu_usage: { total_usage: 1_000_000, percpu_usage: [500_000, 500_000], usage_in_kernelmode: 400_000, usage_in_usermode: 600_000 } },
    memory_stats: { usage: 4_000_000, stats: { cache: 1_000_000, rss: 3_000_000, total_rss: 3_000_000 } },
    blkio_stats: { io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'Read', value: 4096 }] },
  });
  expect(s.memory_stats.limit).toBeLessThan(2 ** 62);
  expect(s.cpu_stats.system_cpu_usage).toBeGreaterThan(0);
});

it('precpu_stats is the previous sample', () => {
  const sample = (total: number, at: number) => ({ read: new Date(at), systemCpuNs: at * 1e6, metrics: { ...d.port.sample, cpu: { ...d.port.sample.cpu, usageTotalNs: total } } });
  const doc = statsDocument('c', 'id', sample(3_000, 2_000), sample(1_000, 1_000), 8e9) as { precpu_stats: { cpu_usage: { total_usage: number } }; preread: string; memory_stats: { limit: number } };
  expect(doc.precpu_stats.cpu_usage.total_usage).toBe(1_000);
  expect(doc.preread).toBe(new Date(1_000).toISOString());
  expect(doc.memory_stats.limit).toBe(8e9);
  expect(systemCpuUsageNs()).toBeGreaterThan(0);
});
