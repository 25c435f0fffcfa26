import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { TaskClient } from '@skiff/protos/generated/skiff/shim/v1/Task';
import { Harness, RUNC, canRunContainers, cgroupsNamed, readLog, rpc, until } from '../helpers/harness';
import { becomeSubreaper, isLive } from '../helpers/reaper';

// The Task API of a real `skiff-shim serve` over its unix socket, with skiff-runc in-process,
// on busybox bundles. One shim holds every container of this file: the grouping mode.

const describeRoot = canRunContainers ? describe : describe.skip;

function readPpid(pid: string): number {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

describeRoot('skiff-shim serve: the Task API on busybox containers', () => {
  const h = new Harness();
  let shim: { address: string; child: { pid?: number }; log: string };
  let client: TaskClient;

  beforeAll(async () => {
    becomeSubreaper();
    shim = await h.serve('shared');
    client = h.client(shim.address);
  }, 30_000);

  afterAll(() => h.cleanup(), 60_000);

  function events(after: number, last: (e: Envelope__Output) => boolean, c: TaskClient = client): Promise<Envelope__Output[]> {
    return new Promise((resolve, reject) => {
      const got: Envelope__Output[] = [];
      const stream = c.Events({ afterSequence: after });
      stream.on('data', (e: Envelope__Output) => {
        got.push(e);
        if (last(e)) {
          stream.cancel();
          resolve(got);
        }
      });
      stream.on('error', (err: grpc.ServiceError) => (err.code === grpc.status.CANCELLED ? undefined : reject(err)));
    });
  }

  test('create + start a task that prints lines: json-file log, Wait gives exit code 3, Delete removes it', async () => {
    const id = h.id('log');
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    const long = 'x'.repeat(20_000);
    const bundle = h.bundle(['sh', '-c', `echo one; echo two >&2; echo ${long}; printf tail; exit 3`]);
    const { pid } = await rpc(client, 'Create', { id, bundle, runtimeOptions: { logPathJsonFile: log } });
    expect(pid).toBeGreaterThan(0);
    expect((await rpc(client, 'State', { id })).status).toBe('CREATED');
    await rpc(client, 'Start', { id });
    const waited = await rpc(client, 'Wait', { id });
    expect(waited.exitStatus).toBe(3);
    const entries = readLog(log);
    const stdout = entries.filter((e) => e.stream === 'stdout').map((e) => e.log);
    // The unterminated last line stays without a newline, as Docker logs it.
    expect(stdout).toEqual(['one\n', 'x'.repeat(16_384), `${'x'.repeat(20_000 - 16_384)}\n`, 'tail']);
    expect(entries.filter((e) => e.stream === 'stderr').map((e) => e.log)).toEqual(['two\n']);
    expect(entries.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(e.time))).toBe(true);
    expect(await rpc(client, 'State', { id })).toMatchObject({ status: 'STOPPED', exitStatus: 3, pid });
    expect(await rpc(client, 'Delete', { id })).toMatchObject({ pid, exitStatus: 3 });
    expect(h.runtimeIds()).not.toContain(id);
    expect(JSON.parse(fs.readFileSync(path.join(bundle, 'runtime-options.json'), 'utf8'))).toMatchObject({ root: h.runtimeRoot, logPathJsonFile: log });
    expect(fs.readFileSync(path.join(bundle, 'shim.address'), 'utf8').trim()).toBe(shim.address);
  }, 30_000);

  test('rotation of the json log by size while the container writes', async () => {
    const id = h.id('rot');
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    const bundle = h.bundle(['sh', '-c', 'i=0; while [ $i -lt 200 ]; do echo line-$i; i=$((i+1)); done']);
    await rpc(client, 'Create', { id, bundle, runtimeOptions: { logPathJsonFile: log, logOptions: { maxSizeBytes: '2000', maxFiles: 3 } } });
    await rpc(client, 'Start', { id });
    await rpc(client, 'Wait', { id });
    await rpc(client, 'Delete', { id });
    const files = [`${log}.2`, `${log}.1`, log];
    for (const f of files) expect(fs.statSync(f).size).toBeLessThanOrEqual(2000);
    expect(fs.existsSync(`${log}.3`)).toBe(false);
    const lines = files.flatMap((f) => readLog(f).map((e) => e.log));
    expect(lines[lines.length - 1]).toBe('line-199\n');
    // Older entries rotated away, the kept ones are consecutive.
    const first = Number(/line-(\d+)/.exec(lines[0]!)![1]);
    expect(lines).toEqual(Array.from({ length: 200 - first }, (_, i) => `line-${first + i}\n`));
  }, 30_000);

  test('exec into a running sleep task: its exit code, its output in the file it named, not in the log', async () => {
    const id = h.id('exec');
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    await rpc(client, 'Create', { id, bundle: h.bundle(['sleep', '300']), runtimeOptions: { logPathJsonFile: log } });
    await rpc(client, 'Start', { id });
    const out = path.join(h.dir, `${id}-exec.out`);
    const spec = Buffer.from(JSON.stringify({ args: ['sh', '-c', 'echo from-exec; exit 7'], cwd: '/', env: ['PATH=/bin'] }));
    await rpc(client, 'Exec', { id, execId: 'e1', spec, stdout: out });
    expect((await rpc(client, 'State', { id, execId: 'e1' })).status).toBe('CREATED');
    const { pid } = await rpc(client, 'Start', { id, execId: 'e1' });
    expect(pid).toBeGreaterThan(0);
    expect((await rpc(client, 'Wait', { id, execId: 'e1' })).exitStatus).toBe(7);
    expect(fs.readFileSync(out, 'utf8')).toBe('from-exec\n');
    expect(readLog(log)).toEqual([]);
    expect((await rpc(client, 'State', { id })).status).toBe('RUNNING');
    await rpc(client, 'Delete', { id, execId: 'e1' });
    await rpc(client, 'Kill', { id, signal: 9 });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(137);
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('pause freezes the task (PAUSED), resume thaws it; Pids and Stats of a live task', async () => {
    const id = h.id('pause');
    const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sleep', '300']) });
    await rpc(client, 'Start', { id });
    expect(await rpc(client, 'Pids', { id })).toEqual({ processes: [{ pid, execId: '' }] });
    const { metrics } = await rpc(client, 'Stats', { id });
    expect(metrics.containerId).toBe(id);
    expect(Number(metrics.memory.usageBytes)).toBeGreaterThan(0);
    expect(Number(metrics.pids.current)).toBe(1);
    await rpc(client, 'Pause', { id });
    expect((await rpc(client, 'State', { id })).status).toBe('PAUSED');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    expect(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)).toMatch(/[DS]/);
    await expect(rpc(client, 'Exec', { id, execId: 'x', spec: Buffer.from('{"args":["true"],"cwd":"/"}') })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
    });
    await rpc(client, 'Resume', { id });
    expect((await rpc(client, 'State', { id })).status).toBe('RUNNING');
    // SIGKILL: as PID 1 of its namespace, sleep ignores signals it has no handler for.
    await rpc(client, 'Kill', { id, signal: 9 });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(137);
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('kill with all signals every process of the task; Delete refuses a running task', async () => {
    const id = h.id('kill');
    const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sh', '-c', 'sleep 300 & sleep 300; wait']) });
    await rpc(client, 'Start', { id });
    await until(() => fs.readdirSync(`/proc`).some((p) => fs.existsSync(`/proc/${p}/stat`) && readPpid(p) === pid), 5_000, 'the background sleep');
    await expect(rpc(client, 'Delete', { id })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    const pids = (await rpc(client, 'Pids', { id })).processes.map((p: { pid: number }) => p.pid);
    expect(pids.length).toBe(3);
    await rpc(client, 'Kill', { id, signal: 9, all: true });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(137);
    for (const p of pids) await until(() => !isLive(p), 5_000, `pid ${p} gone`);
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('events: create -> start -> exit -> delete, in order, numbered upwards', async () => {
    const id = h.id('ev');
    const mine = (e: Envelope__Output) => e.event !== undefined && (e[e.event as 'taskCreate'] as { containerId: string }).containerId === id;
    const live = events(0, (e) => e.topic === '/tasks/delete' && mine(e));
    const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sh', '-c', 'exit 5']) });
    await rpc(client, 'Start', { id });
    await rpc(client, 'Wait', { id });
    await rpc(client, 'Delete', { id });
    const ours = (await live).filter(mine);
    expect(ours.map((e) => e.topic)).toEqual(['/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
    const seqs = ours.map((e) => Number(e.sequence));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(ours[2]!.taskExit).toMatchObject({ containerId: id, execId: '', pid, exitStatus: 5 });
    expect(ours[3]!.taskDelete).toMatchObject({ containerId: id, pid, exitStatus: 5 });
  }, 30_000);

  test('replay after N from a second client: the kept events of live tasks, in order', async () => {
    const id = h.id('replay');
    const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sh', '-c', 'exit 2']) });
    await rpc(client, 'Start', { id });
    await rpc(client, 'Wait', { id });
    const other = h.client(shim.address);
    const mine = (e: Envelope__Output) => e.event !== undefined && (e[e.event as 'taskCreate'] as { containerId: string }).containerId === id;
    const all = (await events(0, (e) => e.topic === '/tasks/exit' && mine(e), other)).filter(mine);
    expect(all.map((e) => e.topic)).toEqual(['/tasks/create', '/tasks/start', '/tasks/exit']);
    const afterCreate = (await events(Number(all[0]!.sequence), (e) => e.topic === '/tasks/exit' && mine(e), other)).filter(mine);
    expect(afterCreate.map((e) => e.topic)).toEqual(['/tasks/start', '/tasks/exit']);
    expect(afterCreate[1]!.taskExit).toMatchObject({ pid, exitStatus: 2 });
    await expect(events(1_000_000, () => true, other)).rejects.toMatchObject({ code: grpc.status.OUT_OF_RANGE });
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('stdin from a FIFO reaches the process; CloseIO ends it after what was written', async () => {
    const id = h.id('stdin');
    const fifo = path.join(h.dir, `${id}.in`);
    execFileSync('mkfifo', [fifo]);
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    await rpc(client, 'Create', { id, bundle: h.bundle(['cat']), stdin: fifo, runtimeOptions: { logPathJsonFile: log } });
    await rpc(client, 'Start', { id });
    fs.writeFileSync(fifo, 'through the fifo\n');
    await rpc(client, 'CloseIO', { id, stdin: true });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(0);
    expect(readLog(log).map((e) => e.log)).toEqual(['through the fifo\n']);
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('a task in the host pid namespace: leftovers are killed at the exit and the shim reaps them', async () => {
    const id = h.id('hostpid');
    const bundle = h.bundle(['sh', '-c', 'sleep 300 & exit 4'], (c) => {
      c.linux!.namespaces = c.linux!.namespaces!.filter((n) => n.type !== 'pid');
    });
    await rpc(client, 'Create', { id, bundle });
    await rpc(client, 'Start', { id });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(4);
    expect((await rpc(client, 'Pids', { id })).processes).toEqual([]);
    await rpc(client, 'Delete', { id });
    const zombies = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          const s = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
          const [state, ppid] = s.slice(s.lastIndexOf(')') + 2).split(' ');
          return state === 'Z' && Number(ppid) === shim.child.pid;
        } catch {
          return false;
        }
      });
    expect(zombies).toEqual([]);
  }, 30_000);

  /** A task killed by the OOM killer, with the runtime options given: its topics, in order. */
  async function oomKilledTask(id: string, runtimeOptions: object = {}): Promise<string[]> {
    const limit = 16 * 1024 * 1024;
    // One endless line from /dev/zero: tail holds it all in memory until the limit is hit.
    const bundle = h.bundle(['tail', '/dev/zero'], (c) => {
      c.linux!.resources = { ...(c.linux!.resources ?? {}), memory: { limit, swap: limit } };
    });
    const mine = (e: Envelope__Output) => e.event !== undefined && (e[e.event as 'taskCreate'] as { containerId: string }).containerId === id;
    const live = events(0, (e) => e.topic === '/tasks/exit' && mine(e));
    await rpc(client, 'Create', { id, bundle, runtimeOptions });
    await rpc(client, 'Start', { id });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(137);
    const topics = (await live).filter(mine).map((e) => e.topic);
    await rpc(client, 'Delete', { id });
    return topics;
  }

  test('an OOM kill in the task\'s cgroup: /tasks/oom before the /tasks/exit it caused', async () => {
    expect(await oomKilledTask(h.id('oom'))).toEqual(['/tasks/create', '/tasks/start', '/tasks/oom', '/tasks/exit']);
  }, 30_000);

  test('a rootfs given as mounts: overlay mounted at Create, gone after Delete; a mount that fails is the caller\'s error', async () => {
    const id = h.id('mnt');
    const bundle = h.bundle(['sh', '-c', 'cat /from-upper; echo new > /written']);
    const lower = path.join(h.dir, `lower-${id}`);
    fs.renameSync(path.join(bundle, 'rootfs'), lower);
    fs.mkdirSync(path.join(bundle, 'rootfs'));
    const [upper, work] = [path.join(h.dir, `upper-${id}`), path.join(h.dir, `work-${id}`)];
    fs.mkdirSync(upper);
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(upper, 'from-upper'), 'upper layer\n');
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    const rootfs = [{ type: 'overlay', source: 'overlay', target: '', options: [`lowerdir=${lower}`, `upperdir=${upper}`, `workdir=${work}`] }];
    await rpc(client, 'Create', { id, bundle, rootfs, runtimeOptions: { logPathJsonFile: log } });
    const mounted = () => fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${path.join(bundle, 'rootfs')} `);
    expect(mounted()).toBe(true);
    await rpc(client, 'Start', { id });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toContain('upper layer');
    expect(fs.readFileSync(path.join(upper, 'written'), 'utf8')).toBe('new\n');
    expect(fs.existsSync(path.join(lower, 'written'))).toBe(false);
    await rpc(client, 'Delete', { id });
    expect(mounted()).toBe(false);

    const badBundle = h.bundle(['true']);
    const missing = [{ type: 'overlay', source: 'overlay', target: '', options: [`lowerdir=${h.dir}/no-such-layer`] }];
    await expect(rpc(client, 'Create', { id: h.id('badmnt'), bundle: badBundle, rootfs: missing })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('rootfs overlay mount'),
    });
    expect(fs.readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(` ${path.join(badBundle, 'rootfs')} `);
  }, 30_000);

  test('requests the shim cannot serve are refused, not ignored', async () => {
    await expect(rpc(client, 'Create', { id: h.id('rel'), bundle: h.bundle(['true']), runtimeOptions: { name: 'runc' } })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
    await expect(rpc(client, 'Create', { id: h.id('none'), bundle: h.bundle(['true']), runtimeOptions: { name: '/nonexistent/runc' } })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
  }, 30_000);

  const describeRunc = fs.existsSync(RUNC) ? describe : describe.skip;
  describeRunc(`an external runtime binary (${RUNC})`, () => {
    const runtimeOptions = (extra: object = {}) => ({ name: RUNC, root: h.runcRoot, ...extra });

    test('create + start with runc: log lines, exit code 3 through Wait, Delete removes it from runc', async () => {
      const id = h.id('runc');
      const log = path.join(h.dir, 'logs', `${id}-json.log`);
      const bundle = h.bundle(['sh', '-c', 'echo out; echo err >&2; exit 3']);
      const { pid } = await rpc(client, 'Create', { id, bundle, runtimeOptions: runtimeOptions({ logPathJsonFile: log }) });
      expect((await rpc(client, 'State', { id })).status).toBe('CREATED');
      await rpc(client, 'Start', { id });
      expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(3);
      expect(readLog(log).map((e) => [e.stream, e.log])).toEqual(
        expect.arrayContaining([
          ['stdout', 'out\n'],
          ['stderr', 'err\n'],
        ]),
      );
      expect(readLog(log)).toHaveLength(2);
      expect(await rpc(client, 'Delete', { id })).toMatchObject({ pid, exitStatus: 3 });
      expect(h.runtimeIds(h.runcRoot)).not.toContain(id);
      expect(cgroupsNamed(id)).toEqual([]);
    }, 30_000);

    test('an OOM kill with runc: the shim counts it in the init\'s cgroups, /tasks/oom before /tasks/exit', async () => {
      const id = h.id('runc-oom');
      expect(await oomKilledTask(id, runtimeOptions())).toEqual(['/tasks/create', '/tasks/start', '/tasks/oom', '/tasks/exit']);
      expect(cgroupsNamed(id)).toEqual([]);
    }, 30_000);

    test('exec, pids, stats, pause/resume, kill and delete with runc', async () => {
      const id = h.id('runc-exec');
      const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sleep', '300']), runtimeOptions: runtimeOptions() });
      await rpc(client, 'Start', { id });
      const out = path.join(h.dir, `${id}-exec.out`);
      const spec = Buffer.from(JSON.stringify({ args: ['sh', '-c', 'echo via-runc; exit 6'], cwd: '/', env: ['PATH=/bin'] }));
      await rpc(client, 'Exec', { id, execId: 'e1', spec, stdout: out });
      await rpc(client, 'Start', { id, execId: 'e1' });
      expect((await rpc(client, 'Wait', { id, execId: 'e1' })).exitStatus).toBe(6);
      expect(fs.readFileSync(out, 'utf8')).toBe('via-runc\n');
      expect(await rpc(client, 'Pids', { id })).toEqual({ processes: [{ pid, execId: '' }] });
      const { metrics } = await rpc(client, 'Stats', { id });
      expect(Number(metrics.memory.usageBytes)).toBeGreaterThan(0);
      await rpc(client, 'Pause', { id });
      expect((await rpc(client, 'State', { id })).status).toBe('PAUSED');
      await rpc(client, 'Resume', { id });
      await expect(rpc(client, 'Start', { id })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
      await rpc(client, 'Kill', { id, signal: 9 });
      expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(137);
      await rpc(client, 'Kill', { id, signal: 9 });
      await rpc(client, 'Delete', { id });
      expect(isLive(pid)).toBe(false);
    }, 30_000);

    test('a runc failure comes back with runc\'s message and no task is left', async () => {
      const id = h.id('runc-bad');
      const bundle = h.bundle(['/no/such/binary']);
      const err = await rpc(client, 'Create', { id, bundle, runtimeOptions: runtimeOptions() }).catch((e: grpc.ServiceError) => e);
      expect((err as grpc.ServiceError).details).toMatch(/^runc create: .*no such file or directory/i);
      await expect(rpc(client, 'State', { id })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    }, 30_000);
  });
});
