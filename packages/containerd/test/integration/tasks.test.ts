import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunContainers, caller, ContainerdHarness, RUNC, until } from '../helpers/containerd';

const describeRoot = canRunContainers ? describe : describe.skip;

function logLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { log: string }).log);
}

describeRoot('skiff-containerd tasks through real shims', () => {
  jest.setTimeout(120_000);
  const h = new ContainerdHarness();
  let containers: ReturnType<typeof caller>;
  let tasks: ReturnType<typeof caller>;

  beforeAll(async () => {
    await h.start();
    containers = caller(h.client('containers'));
    tasks = caller(h.client('tasks'));
  });
  afterAll(() => h.cleanup());

  async function container(id: string, args: string[], runtime = 'builtin', extra: object = {}): Promise<void> {
    const binary = runtime === 'builtin' ? undefined : runtime;
    await containers('Create', {
      container: { id, image: 'busybox', spec: h.spec(args), runtime: { name: runtime, options: h.runtimeOptions(id, binary), ...extra }, labels: { test: 'yes' } },
    });
  }

  it('runs a busybox task: create, start, output in the log, wait, delete', async () => {
    const sub = h.subscribe(['topic~=^/tasks/,event.container_id==hello']);
    await container('hello', ['/bin/sh', '-c', 'echo hello from skiff; exit 3']);
    const created = await tasks('Create', { containerId: 'hello' });
    expect(created.pid).toBeGreaterThan(0);
    expect((await tasks('Get', { containerId: 'hello' })).process.status).toBe('CREATED');
    await tasks('Start', { containerId: 'hello' });
    const exit = await tasks('Wait', { containerId: 'hello' });
    expect(exit.exitStatus).toBe(3);
    expect(logLines(path.join(h.logs, 'hello.log'))).toEqual(['hello from skiff\n']);
    const deleted = await tasks('Delete', { containerId: 'hello' });
    expect(deleted.exitStatus).toBe(3);
    await until(() => sub.events.some((e) => e.topic === '/tasks/delete'), 5_000, 'delete event');
    expect(sub.events.map((e) => e.topic)).toEqual(['/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
    sub.stop();
    await expect(tasks('Get', { containerId: 'hello' })).rejects.toMatchObject({ code: 5 });
    expect(fs.existsSync(path.join(h.state, 'default', 'hello'))).toBe(false);
    await containers('Delete', { id: 'hello' });
  });

  it('execs into a running task, pauses, resumes, lists pids, kills', async () => {
    await container('busy', ['/bin/sleep', '1000']);
    await tasks('Create', { containerId: 'busy' });
    await tasks('Start', { containerId: 'busy' });
    await expect(containers('Delete', { id: 'busy' })).rejects.toMatchObject({ code: 9 });

    const out = path.join(h.dir, 'exec-out');
    fs.writeFileSync(out, '');
    const spec = Buffer.from(JSON.stringify({ args: ['/bin/sh', '-c', 'echo exec says hi; exit 7'], cwd: '/', env: ['PATH=/bin'], user: { uid: 0, gid: 0 } }));
    await tasks('Exec', { containerId: 'busy', execId: 'e1', stdout: out, spec });
    await tasks('Start', { containerId: 'busy', execId: 'e1' });
    expect((await tasks('Wait', { containerId: 'busy', execId: 'e1' })).exitStatus).toBe(7);
    expect(fs.readFileSync(out, 'utf8')).toBe('exec says hi\n');
    await tasks('DeleteProcess', { containerId: 'busy', execId: 'e1' });

    await tasks('Pause', { containerId: 'busy' });
    expect((await tasks('Get', { containerId: 'busy' })).process.status).toBe('PAUSED');
    await tasks('Resume', { containerId: 'busy' });
    expect((await tasks('List', { filters: ['status==RUNNING'] })).tasks.map((t: { containerId: string }) => t.containerId)).toContain('busy');
    const pids = await tasks('ListPids', { containerId: 'busy' });
    expect(pids.processes.length).toBe(1);
    const metrics = await tasks('Metrics', { filters: ['container_id==busy'] });
    expect(metrics.metrics).toHaveLength(1);
    expect(Number(metrics.metrics[0].memory.usageBytes)).toBeGreaterThan(0);

    await tasks('Kill', { containerId: 'busy', signal: 9 });
    expect((await tasks('Wait', { containerId: 'busy' })).exitStatus).toBe(137);
    await tasks('Delete', { containerId: 'busy' });
    await containers('Delete', { id: 'busy' });
  });

  (fs.existsSync(RUNC) ? it : it.skip)('runs the same task with Debian runc as the external runtime', async () => {
    await container('ext', ['/bin/sh', '-c', 'echo via runc'], RUNC);
    await tasks('Create', { containerId: 'ext' });
    // The runtime chosen reached the shim: runc's own root holds the container.
    expect(fs.readdirSync(h.runcRoot)).toContain('ext');
    await tasks('Start', { containerId: 'ext' });
    expect((await tasks('Wait', { containerId: 'ext' })).exitStatus).toBe(0);
    expect(logLines(path.join(h.logs, 'ext.log'))).toEqual(['via runc\n']);
    await tasks('Delete', { containerId: 'ext' });
    expect(fs.readdirSync(h.runcRoot)).not.toContain('ext');
    await containers('Delete', { id: 'ext' });
  });

  it('mounts rootfs mounts given at create in the shim, and unmounts them at delete', async () => {
    const upper = path.join(h.dir, 'ovl', 'upper');
    const work = path.join(h.dir, 'ovl', 'work');
    fs.mkdirSync(upper, { recursive: true });
    fs.mkdirSync(work, { recursive: true });
    const spec = JSON.parse(h.spec(['/bin/sh', '-c', 'echo written > /new-file; cat /new-file']).toString());
    spec.root = { path: 'rootfs', readonly: false };
    await containers('Create', { container: { id: 'ovl', spec: Buffer.from(JSON.stringify(spec)), runtime: { name: 'builtin', options: h.runtimeOptions('ovl') } } });
    const overlay = { type: 'overlay', source: 'overlay', target: '', options: [`lowerdir=${h.rootfs}`, `upperdir=${upper}`, `workdir=${work}`] };
    await tasks('Create', { containerId: 'ovl', rootfs: [overlay] });
    const rootfs = path.join(h.state, 'default', 'ovl', 'rootfs');
    expect(fs.readFileSync('/proc/self/mountinfo', 'utf8')).toContain(` ${rootfs} `);
    await tasks('Start', { containerId: 'ovl' });
    expect((await tasks('Wait', { containerId: 'ovl' })).exitStatus).toBe(0);
    expect(logLines(path.join(h.logs, 'ovl.log'))).toEqual(['written\n']);
    // The write went to the upper directory, not to the shared lower one.
    expect(fs.readFileSync(path.join(upper, 'new-file'), 'utf8')).toBe('written\n');
    expect(fs.existsSync(path.join(h.rootfs, 'new-file'))).toBe(false);
    await tasks('Delete', { containerId: 'ovl' });
    expect(fs.readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(` ${rootfs} `);
    await containers('Delete', { id: 'ovl' });
  });

  it('answers errors in the shared vocabulary', async () => {
    await expect(tasks('Create', { containerId: 'nope' })).rejects.toMatchObject({ code: 5 });
    await expect(containers('Create', { container: { id: 'bad id!', spec: h.spec(['true']) } })).rejects.toMatchObject({ code: 3 });
    await container('dup', ['true']);
    await expect(container('dup', ['true'])).rejects.toMatchObject({ code: 6 });
    await containers('Delete', { id: 'dup' });
  });
});
