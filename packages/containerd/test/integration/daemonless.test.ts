// The reason for the design: containers outlive skiff-containerd and report to the next one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunContainers, caller, ContainerdHarness, sleep, until } from '../helpers/containerd';
import { isLive } from '../../../shim/test/helpers/reaper';

const describeRoot = canRunContainers ? describe : describe.skip;

function numbers(file: string): number[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => Number((JSON.parse(l) as { log: string }).log.trim()));
}

describeRoot('daemonless containers', () => {
  jest.setTimeout(120_000);
  // Sockets inside --state: recovery must tell shim sockets from task bundles.
  const h = new ContainerdHarness({ warm: 1, socketsUnderState: true });
  let containers: ReturnType<typeof caller>;
  let tasks: ReturnType<typeof caller>;

  const connect = () => {
    containers = caller(h.client('containers'));
    tasks = caller(h.client('tasks'));
  };

  beforeAll(async () => {
    await h.start();
    connect();
  });
  afterAll(() => h.cleanup());

  async function run(id: string, script: string, shimGroup = ''): Promise<number> {
    await containers('Create', {
      container: { id, spec: h.spec(['/bin/sh', '-c', script]), runtime: { name: 'builtin', options: h.runtimeOptions(id), shimGroup } },
    });
    await tasks('Create', { containerId: id });
    return (await tasks('Start', { containerId: id })).pid;
  }

  const counter = 'i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done';

  it('a task keeps running and logging through kill -9 of containerd, and answers the next one', async () => {
    const pid = await run('counter', counter);
    await sleep(500);
    await h.stop('SIGKILL');
    await sleep(1_000);
    expect(isLive(pid)).toBe(true);
    await h.start();
    connect();
    const listed = await tasks('List', {});
    expect(listed.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ containerId: 'counter', status: 'RUNNING', pid })]));
    await sleep(300);
    await tasks('Kill', { containerId: 'counter', signal: 9 });
    expect((await tasks('Wait', { containerId: 'counter' })).exitStatus).toBe(137);
    await tasks('Delete', { containerId: 'counter' });
    await containers('Delete', { id: 'counter' });
    const seen = numbers(path.join(h.logs, 'counter.log'));
    expect(seen.length).toBeGreaterThan(12);
    expect(seen).toEqual(seen.map((_, i) => i));
  });

  it('reports an exit that happened while containerd was down', async () => {
    const pid = await run('short', 'sleep 1; exit 5');
    await h.stop('SIGKILL');
    await until(() => !isLive(pid), 10_000, 'the task exits');
    await h.start();
    connect();
    const got = await tasks('Get', { containerId: 'short' });
    expect(got.process).toMatchObject({ status: 'STOPPED', exitStatus: 5 });
    expect((await tasks('Wait', { containerId: 'short' })).exitStatus).toBe(5);
    expect((await tasks('Delete', { containerId: 'short' })).exitStatus).toBe(5);
    await containers('Delete', { id: 'short' });
  });

  it('reports a task whose shim was killed with -9 as exited within two seconds', async () => {
    await run('orphan', 'sleep 1000');
    const bundle = path.join(h.state, 'default', 'orphan');
    const address = fs.readFileSync(path.join(bundle, 'shim.address'), 'utf8').trim();
    const shimPid = h.ownProcesses().find((p) => fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(address.slice('unix://'.length)));
    expect(shimPid).toBeDefined();
    const sub = h.subscribe(['topic==/tasks/exit']);
    await sleep(200);
    const killedAt = Date.now();
    process.kill(shimPid!, 'SIGKILL');
    const exit = await tasks('Wait', { containerId: 'orphan' }, 10_000);
    expect(Date.now() - killedAt).toBeLessThan(2_000);
    expect(exit.exitStatus).toBeGreaterThan(0);
    await until(() => sub.events.length > 0, 2_000, 'exit event');
    sub.stop();
    expect((await tasks('Get', { containerId: 'orphan' })).process.status).toBe('STOPPED');
    await expect(tasks('Kill', { containerId: 'orphan', signal: 9 })).resolves.toBeDefined();
    await tasks('Delete', { containerId: 'orphan' });
    await containers('Delete', { id: 'orphan' });
    expect(fs.existsSync(bundle)).toBe(false);
  });

  it('recovers a task whose shim died while containerd was down as exited', async () => {
    await run('lost', 'sleep 1000');
    const address = fs.readFileSync(path.join(h.state, 'default', 'lost', 'shim.address'), 'utf8').trim();
    await h.stop('SIGKILL');
    const shimPid = h.ownProcesses().find((p) => fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(address.slice('unix://'.length)));
    process.kill(shimPid!, 'SIGKILL');
    await until(() => !isLive(shimPid!), 5_000, 'shim gone');
    await h.start();
    connect();
    expect((await tasks('Get', { containerId: 'lost' })).process.status).toBe('STOPPED');
    await tasks('Delete', { containerId: 'lost' });
    await containers('Delete', { id: 'lost' });
  });

  it('takes a warm shim for a create, and starts a replacement', async () => {
    const warmDir = path.join(h.state, '_shims', 'default');
    const ready = () => (fs.existsSync(warmDir) ? fs.readdirSync(warmDir).filter((d) => fs.existsSync(path.join(warmDir, d, 'shim.address'))) : []);
    await until(() => ready().length === 1, 15_000, 'a warm shim');
    const [warm] = fs.readdirSync(warmDir);
    const warmAddress = fs.readFileSync(path.join(warmDir, warm!, 'shim.address'), 'utf8').trim();
    await run('warmed', 'exit 0');
    expect(fs.readFileSync(path.join(h.state, 'default', 'warmed', 'shim.address'), 'utf8').trim()).toBe(warmAddress);
    await until(() => ready().length === 2, 15_000, 'a replacement warm shim');
    await tasks('Wait', { containerId: 'warmed' });
    await tasks('Delete', { containerId: 'warmed' });
    await containers('Delete', { id: 'warmed' });
    // The used shim retired with its only task.
    await until(() => ready().length === 1, 5_000, 'the used shim retires');
  });

  it('puts containers of one shim group into one shim', async () => {
    await run('g1', 'sleep 1000', 'pack');
    await run('g2', 'sleep 1000', 'pack');
    const a = fs.readFileSync(path.join(h.state, 'default', 'g1', 'shim.address'), 'utf8');
    const b = fs.readFileSync(path.join(h.state, 'default', 'g2', 'shim.address'), 'utf8');
    expect(a).toBe(b);
    // A restart finds both through the one shim.
    await h.stop('SIGKILL');
    await h.start();
    connect();
    for (const id of ['g1', 'g2']) {
      expect((await tasks('Get', { containerId: id })).process.status).toBe('RUNNING');
      await tasks('Kill', { containerId: id, signal: 9 });
      await tasks('Wait', { containerId: id });
      await tasks('Delete', { containerId: id });
      await containers('Delete', { id });
    }
    await until(() => !fs.existsSync(path.join(h.state, '_shims', 'default', 'group-pack')), 5_000, 'the group shim retires');
  });
});
