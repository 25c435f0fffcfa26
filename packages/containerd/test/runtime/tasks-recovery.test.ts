// Recovery of the task core after a restart, over fake shims: tasks whose bundles keep their last
// state are listed from it before any shim answers and dialled once resumeRecovery() runs, a call
// on one of them dials its shim out of turn, a dead shim's task is recorded as exited, and a bundle
// without a last state is dialled before recover() resolves. Create, start and pause keep the file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SkiffError } from '@skiff/errors';
import { EventBus } from '../../src/core/event-bus';
import type { ContainerRecord } from '../../src/core/container-store';
import type { ShimHandle, ShimLauncher, ShimMethod } from '../../src/runtime/shim-port';
import { TasksCore } from '../../src/runtime/tasks';

interface FakeShim {
  /** Task id → what State answers. */
  tasks: Map<string, { pid: number; status: string; exitStatus?: number }>;
  /** State calls wait for this while it is set. */
  gate?: Promise<void>;
  dead?: boolean;
}

class FakeLaunchers implements ShimLauncher {
  readonly shims = new Map<string, FakeShim>();
  readonly calls: string[] = [];
  readonly lost: string[] = [];

  async start(): Promise<string> {
    throw new Error('not used');
  }

  connect(address: string): ShimHandle {
    return {
      address,
      call: async (method: ShimMethod, request: object) => {
        const shim = this.shims.get(address);
        const id = (request as { id: string }).id;
        this.calls.push(`${method} ${id}`);
        if (!shim || shim.dead) throw new SkiffError('Unavailable', `shim ${address}: connection refused`);
        if (method === 'State') {
          await shim.gate;
          const task = shim.tasks.get(id);
          if (!task) throw new SkiffError('NotFound', `no task ${id}`);
          return { stdin: '', stdout: '', stderr: '', terminal: false, exitStatus: 0, exitedAt: null, ...task };
        }
        if (method === 'Create') return { pid: 4242 };
        if (method === 'Start') return { pid: 4242 };
        return {};
      },
      follow: () => undefined,
      close: () => undefined,
    };
  }

  async deleteLost(containerId: string): Promise<{ pid: number; exitStatus: number; exitedAt: Date }> {
    this.lost.push(containerId);
    return { pid: 0, exitStatus: 255, exitedAt: new Date() };
  }
}

let state: string;
beforeEach(() => {
  state = fs.mkdtempSync(path.join(os.tmpdir(), 'tasks-recovery-'));
});
afterEach(() => {
  fs.rmSync(state, { recursive: true, force: true });
});

function record(id: string): ContainerRecord {
  const now = new Date().toISOString();
  return { id, labels: {}, image: '', runtime: { name: 'builtin', options: null, shimGroup: '' }, spec: '{}', snapshotter: '', snapshotKey: '', createdAt: now, updatedAt: now, extensions: {} };
}

function core(launcher: FakeLaunchers, bus = new EventBus()): TasksCore {
  return new TasksCore({ stateDir: state, launcher, pool: undefined, bus, container: (_ns, id) => record(id) });
}

/** A bundle as a previous run left it: the shim's address and, unless `last` is null, the last state. */
function bundle(id: string, address: string, last: object | null): string {
  const dir = path.join(state, 'ns', id);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'shim.address'), address);
  if (last) fs.writeFileSync(path.join(dir, 'last-state.json'), JSON.stringify({ stdin: '', stdout: '', stderr: '', terminal: false, ...last }));
  return dir;
}

const released = () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { gate, release };
};

it('lists tasks from their last state before any shim answers, and dials them once serving', async () => {
  const launcher = new FakeLaunchers();
  const hold = released();
  launcher.shims.set('unix:///a', { tasks: new Map([['a', { pid: 11, status: 'PAUSED' }]]), gate: hold.gate });
  bundle('a', 'unix:///a', { pid: 11, status: 'PAUSED' });
  const tasks = core(launcher);
  await tasks.recover();
  expect(launcher.calls).toEqual([]);
  expect(tasks.list('ns', [])).toEqual([expect.objectContaining({ containerId: 'a', pid: 11, status: 'PAUSED' })]);
  const resumed = tasks.resumeRecovery();
  expect(launcher.calls).toEqual(['State a']);
  hold.release();
  await resumed;
  await expect(tasks.get('ns', 'a', '')).resolves.toMatchObject({ status: 'PAUSED', pid: 11 });
  tasks.close();
});

it('dials the shim of a task a call needs out of turn', async () => {
  const launcher = new FakeLaunchers();
  const hold = released();
  launcher.shims.set('unix:///slow', { tasks: new Map([['slow', { pid: 21, status: 'RUNNING' }]]), gate: hold.gate });
  launcher.shims.set('unix:///wanted', { tasks: new Map([['wanted', { pid: 22, status: 'RUNNING' }]]) });
  bundle('slow', 'unix:///slow', { pid: 21, status: 'RUNNING' });
  bundle('wanted', 'unix:///wanted', { pid: 22, status: 'RUNNING' });
  const tasks = core(launcher);
  await tasks.recover();
  // One dial at a time: the queue is stuck behind the shim that does not answer yet.
  const resumed = tasks.resumeRecovery(1);
  await tasks.kill('ns', 'wanted', '', 15, false);
  expect(launcher.calls).toEqual(expect.arrayContaining(['State wanted', 'Kill wanted']));
  hold.release();
  await resumed;
  tasks.close();
});

it('dials the shim of a task someone waits for, and answers the wait with the exit it kept', async () => {
  const launcher = new FakeLaunchers();
  launcher.shims.set('unix:///done', { tasks: new Map([['done', { pid: 51, status: 'STOPPED', exitStatus: 3 }]]) });
  bundle('done', 'unix:///done', { pid: 51, status: 'RUNNING' });
  const tasks = core(launcher);
  await tasks.recover();
  // resumeRecovery() is never called here: the wait alone dials the shim.
  await expect(tasks.wait('ns', 'done', '')).resolves.toMatchObject({ exitStatus: 3 });
  expect(launcher.calls).toEqual(['State done']);
  tasks.close();
});

it('records a task whose shim died while containerd was down as exited, once dialled', async () => {
  const launcher = new FakeLaunchers();
  const bus = new EventBus();
  const exits: object[] = [];
  bus.subscribe(['topic==/tasks/exit'], (envelope) => exits.push(envelope));
  // A pid no process can have: the init is gone too, so nobody knows its status (255).
  bundle('gone', 'unix:///gone', { pid: 1_073_741_823, status: 'RUNNING' });
  const tasks = core(launcher, bus);
  await tasks.recover();
  expect(tasks.list('ns', [])).toEqual([expect.objectContaining({ containerId: 'gone', status: 'RUNNING' })]);
  await tasks.resumeRecovery();
  expect(tasks.list('ns', [])).toEqual([expect.objectContaining({ containerId: 'gone', status: 'STOPPED', exitStatus: 255 })]);
  expect(exits).toHaveLength(1);
  expect(launcher.lost).toEqual(['gone']);
  tasks.close();
});

it('dials the shim of a bundle without a last state before recover() resolves', async () => {
  const launcher = new FakeLaunchers();
  launcher.shims.set('unix:///old', { tasks: new Map([['old', { pid: 41, status: 'RUNNING' }]]) });
  bundle('old', 'unix:///old', null);
  const tasks = core(launcher);
  await tasks.recover();
  expect(launcher.calls).toEqual(['State old']);
  expect(tasks.list('ns', [])).toEqual([expect.objectContaining({ containerId: 'old', pid: 41, status: 'RUNNING' })]);
  tasks.close();
});

it('keeps the init’s last state in the bundle through create, start, pause and resume', async () => {
  const launcher = new FakeLaunchers();
  launcher.start = async () => 'unix:///new';
  launcher.shims.set('unix:///new', { tasks: new Map() });
  const tasks = core(launcher);
  const last = () => JSON.parse(fs.readFileSync(path.join(state, 'ns', 'c', 'last-state.json'), 'utf8'));
  await tasks.create('ns', 'c', { rootfs: [], runtimeOptions: null, terminal: false, stdin: '', stdout: '/tmp/out', stderr: '' });
  expect(last()).toEqual({ pid: 4242, status: 'CREATED', stdin: '', stdout: '/tmp/out', stderr: '', terminal: false });
  await tasks.start('ns', 'c', '');
  expect(last()).toMatchObject({ status: 'RUNNING' });
  await tasks.pause('ns', 'c');
  expect(last()).toMatchObject({ status: 'PAUSED' });
  await tasks.resume('ns', 'c');
  expect(last()).toMatchObject({ status: 'RUNNING' });
  tasks.close();
});
