import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { CreateTaskInput } from '../../src/core/task-manager';
import { Fixture, fixture, settle } from '../helpers/fake-runtime';

const options = { name: '', root: '', runtimeArgs: [], logPathJsonFile: '', logOptions: { maxSizeBytes: 0, maxFiles: 0 } };

function input(f: Fixture, id = 'c1', extra: Partial<CreateTaskInput> = {}): CreateTaskInput {
  return { id, bundle: f.bundle, rootfs: [], terminal: false, stdin: '', stdout: '', stderr: '', runtimeOptions: options, ...extra };
}

const spec = { args: ['true'], cwd: '/' };

function topics(f: Fixture, after = 0): string[] {
  const seen: RecordedEvent[] = [];
  f.events.subscribe(after, (r) => seen.push(r))();
  return seen.map((r) => `${r.sequence} ${r.event.kind}${'execId' in r.event && r.event.execId ? `:${r.event.execId}` : ''}`);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe('life cycle of a task', () => {
  test('create -> CREATED, start -> RUNNING, exit -> STOPPED with status and time; events in order', async () => {
    const { pid } = await f.manager.create(input(f));
    expect(f.manager.state('c1', '')).toMatchObject({ status: 'CREATED', pid, bundle: f.bundle, exitStatus: 0, exitedAt: undefined });
    await f.manager.start('c1', '');
    expect(f.manager.state('c1', '').status).toBe('RUNNING');
    f.runtime.exit(pid, 3);
    const exit = await f.manager.wait('c1', '');
    expect(exit.status).toBe(3);
    const state = f.manager.state('c1', '');
    expect(state).toMatchObject({ status: 'STOPPED', exitStatus: 3 });
    expect(state.exitedAt).toBeInstanceOf(Date);
    const deleted = await f.manager.delete('c1', '');
    expect(deleted).toEqual({ pid, exitStatus: 3, exitedAt: exit.at });
    expect(() => f.manager.state('c1', '')).toThrow(/not found/);
    expect(f.runtime.calls).toEqual([`create c1 ${f.bundle}`, 'start c1', 'delete c1']);
  });

  test('Create writes shim.address and runtime-options.json (root resolved) into the bundle', async () => {
    await f.manager.create(input(f, 'c1', { runtimeOptions: { ...options, logOptions: { maxSizeBytes: 1024, maxFiles: 3 } } }));
    expect(fs.readFileSync(path.join(f.bundle, 'shim.address'), 'utf8')).toBe('unix:///run/skiff/s/test\n');
    expect(JSON.parse(fs.readFileSync(path.join(f.bundle, 'runtime-options.json'), 'utf8'))).toEqual({
      name: '',
      root: '/run/skiff/runtime/test',
      runtimeArgs: [],
      logPathJsonFile: '',
      logOptions: { maxSizeBytes: '1024', maxFiles: 3 },
    });
  });

  test('the json log is asked for only when log_path_json_file is set', async () => {
    await f.manager.create(input(f, 'a'));
    await f.manager.create(input(f, 'b', { stdout: '/x/out', runtimeOptions: { ...options, logPathJsonFile: '/l/b.log', logOptions: { maxSizeBytes: 10, maxFiles: 2 } } }));
    expect(f.ios[0]!.request.log).toBeUndefined();
    expect(f.ios[1]!.request).toEqual({ stdin: '', stdout: '/x/out', stderr: '', terminal: false, log: { path: '/l/b.log', maxSizeBytes: 10, maxFiles: 2 } });
    expect(f.ios[1]!.spawnedCalls).toBe(1);
  });

  test('Wait before the exit resolves at the exit; Wait after it resolves at once with the same answer', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    let early: number | undefined;
    const waiting = f.manager.wait('c1', '').then((e) => (early = e.status));
    await settle();
    expect(early).toBeUndefined();
    f.runtime.exit(pid, 137);
    await waiting;
    expect(early).toBe(137);
    const late = await f.manager.wait('c1', '');
    expect(late.status).toBe(137);
  });

  test('Delete refuses a running task with FailedPrecondition and keeps it', async () => {
    await f.manager.create(input(f));
    await f.manager.start('c1', '');
    const err = await rejection(f.manager.delete('c1', ''));
    expect(isSkiffError(err, 'FailedPrecondition')).toBe(true);
    expect(f.manager.state('c1', '').status).toBe('RUNNING');
    expect(f.runtime.calls).not.toContain('delete c1');
  });

  test('Delete of a never-started task kills it: exit 137 published, then delete', async () => {
    await f.manager.create(input(f));
    const result = await f.manager.delete('c1', '');
    expect(result.exitStatus).toBe(137);
    expect(f.runtime.calls).toEqual([`create c1 ${f.bundle}`, 'kill c1 9', 'delete c1']);
    expect(f.ios[0]!.closed).toBe(true);
    // The delete event is emitted to live subscribers, then the task's events are forgotten.
    expect(topics(f)).toEqual([]);
  });

  test('Start twice, or a stopped task, is FailedPrecondition; unknown ids are NotFound', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    expect(isSkiffError(await rejection(f.manager.start('c1', '')), 'FailedPrecondition')).toBe(true);
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(isSkiffError(await rejection(f.manager.start('c1', '')), 'FailedPrecondition')).toBe(true);
    expect(isSkiffError(await rejection(f.manager.start('nope', '')), 'NotFound')).toBe(true);
    expect(() => f.manager.state('c1', 'nope')).toThrow(/exec nope not found/);
    expect(isSkiffError(await rejection(f.manager.create(input(f))), 'AlreadyExists')).toBe(true);
  });

  test('a failed Create emits nothing, closes its stdio and holds no task', async () => {
    f.runtime.failCreate = new Error('boom');
    await expect(f.manager.create(input(f))).rejects.toThrow('boom');
    expect(f.ios[0]!.closed).toBe(true);
    expect(f.manager.size).toBe(0);
    expect(f.events.lastSequence).toBe(0);
  });

  test('the task files are written while the init sets up, and gone after a Create that fails later', async () => {
    const files = () => fs.readdirSync(f.bundle).filter((n) => n === 'shim.address' || n === 'runtime-options.json').sort();
    f.runtime.failCreateAfterSetup = new Error('init died');
    await expect(f.manager.create(input(f))).rejects.toThrow('init died');
    expect(files()).toEqual([]);
    f.runtime.failCreateAfterSetup = undefined;
    await f.manager.create(input(f));
    expect(files()).toEqual(['runtime-options.json', 'shim.address']);
  });

  test('rootfs mounts without a mounter are refused as NotImplemented', async () => {
    const overlay = { type: 'overlay', source: 'overlay', target: '', options: ['lowerdir=/l'] };
    expect(isSkiffError(await rejection(f.manager.create(input(f, 'c1', { rootfs: [overlay] }))), 'NotImplemented')).toBe(true);
    expect(f.manager.size).toBe(0);
  });

  test('rootfs mounts are made before the runtime creates, and undone at Delete or a failed Create', async () => {
    const calls: string[] = [];
    const rootfsMounter = {
      mount: (mounts: readonly { type: string }[], target: string) => calls.push(`mount ${mounts.map((m) => m.type).join(',')} ${target}`),
      unmount: (target: string) => calls.push(`unmount ${target}`),
    };
    const g = fixture({ rootfsMounter });
    try {
      const overlay = { type: 'overlay', source: 'overlay', target: '', options: ['lowerdir=/l'] };
      const rootfs = path.join(g.bundle, 'rootfs');
      g.runtime.failCreate = new Error('boom');
      await expect(g.manager.create(input(g, 'c1', { rootfs: [overlay] }))).rejects.toThrow('boom');
      expect(calls).toEqual([`mount overlay ${rootfs}`, `unmount ${rootfs}`]);
      g.runtime.failCreate = undefined;
      calls.length = 0;
      await g.manager.create(input(g, 'c1', { rootfs: [overlay] }));
      expect(calls).toEqual([`mount overlay ${rootfs}`]);
      await g.manager.delete('c1', '');
      expect(calls).toEqual([`mount overlay ${rootfs}`, `unmount ${rootfs}`]);
    } finally {
      g.cleanup();
    }
  });

  test('Kill signals the init through the runtime; on a stopped task it is a no-op', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    await f.manager.kill('c1', '', 15, false);
    expect((await f.manager.wait('c1', '')).status).toBe(143);
    await f.manager.kill('c1', '', 9, false);
    expect(f.runtime.calls.filter((c) => c.startsWith('kill'))).toEqual(['kill c1 15']);
    expect(pid).toBeGreaterThan(0);
  });

  test('an exit that is not known (watch failed) is 255', async () => {
    const g = fixture({ watchExit: () => Promise.reject(new Error('ECHILD')) });
    try {
      await g.manager.create(input(g));
      expect((await g.manager.wait('c1', '')).status).toBe(255);
    } finally {
      g.cleanup();
    }
  });
});

describe('event order and replay', () => {
  test('create -> start -> exit -> delete, numbered 1..4 for live subscribers', async () => {
    const live: string[] = [];
    f.events.subscribe(0, (r) => live.push(`${r.sequence} ${r.event.kind}`));
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart', '3 taskExit']);
    expect(topics(f, 2)).toEqual(['3 taskExit']);
    await f.manager.delete('c1', '');
    expect(live).toEqual(['1 taskCreate', '2 taskStart', '3 taskExit', '4 taskDelete']);
  });

  test('a process that exits while Start is in flight still has its start event first', async () => {
    const { pid } = await f.manager.create(input(f));
    f.runtime.duringStart = async () => {
      f.runtime.exit(pid, 1);
      await settle(5);
    };
    await f.manager.start('c1', '');
    await f.manager.wait('c1', '');
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart', '3 taskExit']);
  });

  test('the init exit waits for the exits of its running execs, which are killed', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '', stderr: '', spec });
    const { pid: execPid } = await f.manager.start('c1', 'e1');
    f.runtime.extraPids = [execPid];
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(f.runtime.calls).toContain('kill c1 9 all');
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart', '3 taskExecAdded:e1', '4 taskExecStarted:e1', '5 taskExit:e1', '6 taskExit']);
  });

  test('in a pid namespace of its own, the init exit sweeps nothing: the kernel has collected the rest', async () => {
    fs.writeFileSync(path.join(f.bundle, 'config.json'), JSON.stringify({ process: { args: ['sh'], cwd: '/' }, linux: { namespaces: [{ type: 'pid' }, { type: 'mount' }] } }));
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    f.runtime.extraPids = [9999];
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(f.runtime.calls).not.toContain('kill c1 9 all');
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart', '3 taskExit']);
  });

  test('a pid namespace joined by path is not its own: the init exit sweeps the cgroup', async () => {
    fs.writeFileSync(path.join(f.bundle, 'config.json'), JSON.stringify({ process: { args: ['sh'], cwd: '/' }, linux: { namespaces: [{ type: 'pid', path: '/proc/1/ns/pid' }] } }));
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    f.runtime.extraPids = [9999];
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(f.runtime.calls).toContain('kill c1 9 all');
  });

  test('a runtime that cannot count OOM kills: the shim counts them in the init\'s cgroups', async () => {
    const counted: number[] = [];
    let kills = 0;
    const g = fixture({ oomCounterOf: (pid) => (counted.push(pid), () => kills) });
    try {
      (g.runtime as { oomKillCount?: unknown }).oomKillCount = undefined;
      const { pid } = await g.manager.create(input(g));
      expect(counted).toEqual([pid]);
      await g.manager.start('c1', '');
      kills = 1;
      g.runtime.exit(pid, 137);
      await g.manager.wait('c1', '');
      expect(topics(g)).toEqual(['1 taskCreate', '2 taskStart', '3 taskOom', '4 taskExit']);
    } finally {
      g.cleanup();
    }
  });

  test('an OOM kill counted in the cgroup is reported before the exit it caused', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    f.runtime.oomKills = 1;
    f.runtime.exit(pid, 137);
    await f.manager.wait('c1', '');
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart', '3 taskOom', '4 taskExit']);
  });

  test('an exit is published only once the output reached end of file (bounded by the drain timeout)', async () => {
    const g = fixture({ drainAtOnce: false, drainTimeoutMs: 10_000 });
    try {
      const { pid } = await g.manager.create(input(g));
      await g.manager.start('c1', '');
      g.runtime.exit(pid, 0);
      await settle(20);
      expect(g.manager.state('c1', '').status).toBe('RUNNING');
      g.ios[0]!.releaseDrain();
      await g.manager.wait('c1', '');
      expect(g.manager.state('c1', '').status).toBe('STOPPED');
    } finally {
      g.cleanup();
    }
  });

  test('replay from a second subscriber after N; N beyond the last sequence is out of range', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(topics(f, 1)).toEqual(['2 taskStart', '3 taskExit']);
    expect(() => f.events.subscribe(4, () => undefined)).toThrow(/beyond the last event/);
  });

  test('events of several tasks share one numbering; deleting one forgets only its events', async () => {
    const a = await f.manager.create(input(f, 'a'));
    await f.manager.create(input(f, 'b'));
    await f.manager.start('a', '');
    f.runtime.exit(a.pid, 0);
    await f.manager.wait('a', '');
    await f.manager.delete('a', '');
    expect(topics(f)).toEqual(['2 taskCreate']);
    expect(f.events.lastSequence).toBe(5);
  });
});

describe('execs', () => {
  beforeEach(async () => {
    await f.manager.create(input(f));
    await f.manager.start('c1', '');
  });

  test('Exec registers (CREATED), Start runs it with its own stdio, its exit is its own', async () => {
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '/x/e1.out', stderr: '', spec });
    expect(f.manager.state('c1', 'e1')).toMatchObject({ status: 'CREATED', pid: 0, stdout: '/x/e1.out' });
    const { pid } = await f.manager.start('c1', 'e1');
    expect(f.ios[1]!.request).toEqual({ stdin: '', stdout: '/x/e1.out', stderr: '', terminal: false });
    expect(f.manager.state('c1', 'e1')).toMatchObject({ status: 'RUNNING', pid });
    f.runtime.exit(pid, 7);
    expect((await f.manager.wait('c1', 'e1')).status).toBe(7);
    expect(f.manager.state('c1', '').status).toBe('RUNNING');
    expect(await f.manager.delete('c1', 'e1')).toMatchObject({ pid, exitStatus: 7 });
    expect(f.ios[1]!.closed).toBe(true);
    // Deleting an exec forgets its events and emits none.
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart']);
  });

  test('duplicate exec ids, an empty one, and an exec in a paused task are refused', async () => {
    const e = { id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '', stderr: '', spec };
    await f.manager.exec(e);
    expect(isSkiffError(await rejection(f.manager.exec(e)), 'AlreadyExists')).toBe(true);
    expect(isSkiffError(await rejection(f.manager.exec({ ...e, execId: '' })), 'InvalidArgument')).toBe(true);
    await f.manager.pause('c1');
    expect(isSkiffError(await rejection(f.manager.exec({ ...e, execId: 'e2' })), 'FailedPrecondition')).toBe(true);
  });

  test('Delete of the init refuses while an exec runs', async () => {
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '', stderr: '', spec });
    await f.manager.start('c1', 'e1');
    const err = await rejection(f.manager.delete('c1', ''));
    expect(isSkiffError(err, 'FailedPrecondition')).toBe(true);
    expect((err as Error).message).toMatch(/exec e1 is still running/);
  });

  test('Kill of an exec signals its pid; of one not started is FailedPrecondition', async () => {
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '', stderr: '', spec });
    expect(isSkiffError(await rejection(f.manager.kill('c1', 'e1', 15, false)), 'FailedPrecondition')).toBe(true);
    const { pid } = await f.manager.start('c1', 'e1');
    await f.manager.kill('c1', 'e1', 15, false);
    expect(f.signals).toEqual([[pid, 15]]);
  });

  test('a Wait on an exec deleted before it ran ends with NotFound', async () => {
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '', stderr: '', spec });
    const waiting = rejection(f.manager.wait('c1', 'e1'));
    await f.manager.delete('c1', 'e1');
    expect(isSkiffError(await waiting, 'NotFound')).toBe(true);
  });

  test('Pids names the exec processes', async () => {
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '', stdout: '', stderr: '', spec });
    const { pid } = await f.manager.start('c1', 'e1');
    const init = f.manager.state('c1', '').pid;
    expect(await f.manager.pids('c1')).toEqual([
      { pid: init, execId: '' },
      { pid, execId: 'e1' },
    ]);
  });
});

describe('pause and resume', () => {
  test('PAUSED and back to RUNNING, with events; only the latest toggle of a run is kept for replay', async () => {
    await f.manager.create(input(f));
    await f.manager.start('c1', '');
    await f.manager.pause('c1');
    expect(f.manager.state('c1', '').status).toBe('PAUSED');
    expect(isSkiffError(await rejection(f.manager.pause('c1')), 'FailedPrecondition')).toBe(true);
    await f.manager.resume('c1');
    expect(f.manager.state('c1', '').status).toBe('RUNNING');
    expect(isSkiffError(await rejection(f.manager.resume('c1')), 'FailedPrecondition')).toBe(true);
    await f.manager.pause('c1');
    await f.manager.resume('c1');
    expect(topics(f)).toEqual(['1 taskCreate', '2 taskStart', '6 taskResumed']);
  });

  test('a created task cannot be paused', async () => {
    await f.manager.create(input(f));
    expect(isSkiffError(await rejection(f.manager.pause('c1')), 'FailedPrecondition')).toBe(true);
  });
});

describe('stats, connect, shutdown', () => {
  test('Stats returns the runtime sample and the OOM count; refused once stopped', async () => {
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    const { stats, oomKills } = await f.manager.stats('c1');
    expect(stats.memory.usage?.usage).toBe(4096);
    expect(oomKills).toBe(0);
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    expect(isSkiffError(await rejection(f.manager.stats('c1')), 'FailedPrecondition')).toBe(true);
  });

  test('Connect answers the shim pid and the task pid (0 until started); NotFound for another id', async () => {
    const { pid } = await f.manager.create(input(f));
    expect(f.manager.connect('c1')).toEqual({ shimPid: process.pid, taskPid: 0 });
    await f.manager.start('c1', '');
    expect(f.manager.connect('c1')).toEqual({ shimPid: process.pid, taskPid: pid });
    expect(() => f.manager.connect('other')).toThrow(/not found/);
  });

  test('Shutdown exits at once with no task, after the last Delete otherwise, and at once with now', async () => {
    const { pid } = await f.manager.create(input(f));
    f.manager.shutdown(false);
    expect(f.exitRequests).toBe(0);
    await f.manager.start('c1', '');
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    await f.manager.delete('c1', '');
    expect(f.exitRequests).toBe(1);
    await expect(f.manager.create(input(f, 'late'))).rejects.toThrow(/shutting down/);

    const g = fixture();
    try {
      await g.manager.create(input(g));
      g.manager.shutdown(true);
      expect(g.exitRequests).toBe(1);
      g.manager.abandon();
      expect(g.ios[0]!.closed).toBe(true);
    } finally {
      g.cleanup();
    }
  });

  test('a shim that never got a task does not exit until Shutdown', async () => {
    expect(f.exitRequests).toBe(0);
    f.manager.shutdown(false);
    expect(f.exitRequests).toBe(1);
  });
});

describe('terminals', () => {
  const writeConfig = (terminal: boolean) => fs.writeFileSync(path.join(f.bundle, 'config.json'), JSON.stringify({ process: { terminal, args: ['sh'], cwd: '/' } }));
  const execInput = (extra: object = {}) => ({ id: 'c1', execId: 'e1', terminal: true, stdin: '/x/in', stdout: '/x/out', stderr: '', spec: { ...spec, terminal: true }, ...extra });

  test('Create with a terminal: the runtime is asked for one and its master goes to the io; the events say terminal', async () => {
    writeConfig(true);
    await f.manager.create(input(f, 'c1', { terminal: true, stdin: '/x/in', stdout: '/x/out' }));
    expect(f.runtime.calls).toEqual([`create c1 ${f.bundle} terminal`]);
    expect(f.ios[0]!.request).toMatchObject({ stdin: '/x/in', stdout: '/x/out', stderr: '', terminal: true });
    expect(f.ios[0]!.terminal).toBe(500);
    expect(f.manager.state('c1', '').terminal).toBe(true);
    const created: RecordedEvent[] = [];
    f.events.subscribe(0, (r) => created.push(r))();
    expect(created[0]!.event).toMatchObject({ kind: 'taskCreate', terminal: true });
  });

  test('a terminal with stderr, or a request that disagrees with config.json, is refused before the runtime is called', async () => {
    writeConfig(true);
    expect(isSkiffError(await rejection(f.manager.create(input(f, 'c1', { terminal: true, stderr: '/x/err' }))), 'InvalidArgument')).toBe(true);
    const mismatch = await rejection(f.manager.create(input(f, 'c1', { terminal: false })));
    expect(isSkiffError(mismatch, 'InvalidArgument')).toBe(true);
    expect((mismatch as Error).message).toMatch(/config.json has process.terminal true/);
    writeConfig(false);
    expect(isSkiffError(await rejection(f.manager.create(input(f, 'c1', { terminal: true }))), 'InvalidArgument')).toBe(true);
    expect(f.runtime.calls).toEqual([]);
    expect(f.manager.size).toBe(0);
  });

  test('ResizePty reaches the io of a terminal process, the init already while CREATED', async () => {
    writeConfig(true);
    await f.manager.create(input(f, 'c1', { terminal: true }));
    f.manager.resizePty('c1', '', 100, 30);
    expect(f.ios[0]!.sizes).toEqual([[100, 30]]);
  });

  test('ResizePty: NotFound for an unknown task or exec, FailedPrecondition without a terminal, before Start of an exec, after the exit', async () => {
    expect(isSkiffError(await rejection(Promise.resolve().then(() => f.manager.resizePty('nope', '', 80, 24))), 'NotFound')).toBe(true);
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    expect(isSkiffError(await rejection(Promise.resolve().then(() => f.manager.resizePty('c1', 'nope', 80, 24))), 'NotFound')).toBe(true);
    const noTerminal = await rejection(Promise.resolve().then(() => f.manager.resizePty('c1', '', 80, 24)));
    expect(isSkiffError(noTerminal, 'FailedPrecondition')).toBe(true);
    expect((noTerminal as Error).message).toBe('task c1 has no terminal');
    await f.manager.exec(execInput());
    const notStarted = await rejection(Promise.resolve().then(() => f.manager.resizePty('c1', 'e1', 80, 24)));
    expect((notStarted as Error).message).toBe('exec e1 of task c1 has not been started');
    const exec = await f.manager.start('c1', 'e1');
    f.manager.resizePty('c1', 'e1', 120, 40);
    expect(f.ios[1]!.sizes).toEqual([[120, 40]]);
    f.runtime.exit(exec.pid, 0);
    await f.manager.wait('c1', 'e1');
    expect(isSkiffError(await rejection(Promise.resolve().then(() => f.manager.resizePty('c1', 'e1', 80, 24))), 'FailedPrecondition')).toBe(true);
    f.runtime.exit(pid, 0);
  });

  test('Exec with a terminal: the runtime gets one, the master goes to the exec\'s io; terminal must agree with the spec, stderr must be ""', async () => {
    await f.manager.create(input(f));
    await f.manager.start('c1', '');
    expect(isSkiffError(await rejection(f.manager.exec(execInput({ spec }))), 'InvalidArgument')).toBe(true);
    expect(isSkiffError(await rejection(f.manager.exec(execInput({ terminal: false }))), 'InvalidArgument')).toBe(true);
    expect(isSkiffError(await rejection(f.manager.exec(execInput({ stderr: '/x/err' }))), 'InvalidArgument')).toBe(true);
    await f.manager.exec(execInput());
    expect(f.manager.state('c1', 'e1').terminal).toBe(true);
    await f.manager.start('c1', 'e1');
    expect(f.runtime.calls).toContain('exec c1 terminal');
    expect(f.ios[1]!.request).toMatchObject({ stdin: '/x/in', stdout: '/x/out', terminal: true });
    expect(f.ios[1]!.terminal).toBe(500);
  });
});

describe('CloseIO', () => {
  test('closes the stdin of the init (from Create on) and of a started exec; a no-op without stdin: true', async () => {
    await f.manager.create(input(f, 'c1', { stdin: '/x/in' }));
    f.manager.closeIo('c1', '', false);
    expect(f.ios[0]!.stdinClosed).toBe(false);
    f.manager.closeIo('c1', '', true);
    expect(f.ios[0]!.stdinClosed).toBe(true);
    await f.manager.start('c1', '');
    await f.manager.exec({ id: 'c1', execId: 'e1', terminal: false, stdin: '/x/in2', stdout: '', stderr: '', spec });
    expect(isSkiffError(await rejection(Promise.resolve().then(() => f.manager.closeIo('c1', 'e1', true))), 'FailedPrecondition')).toBe(true);
    await f.manager.start('c1', 'e1');
    f.manager.closeIo('c1', 'e1', true);
    expect(f.ios[1]!.stdinClosed).toBe(true);
  });

  test('NotFound for an unknown task or exec', async () => {
    expect(isSkiffError(await rejection(Promise.resolve().then(() => f.manager.closeIo('nope', '', true))), 'NotFound')).toBe(true);
    await f.manager.create(input(f));
    expect(isSkiffError(await rejection(Promise.resolve().then(() => f.manager.closeIo('c1', 'nope', true))), 'NotFound')).toBe(true);
  });
});

describe('Update', () => {
  const resources = { memory: { limit: 64 * 1024 * 1024 } };

  test('reaches the runtime while the task is created, running or paused', async () => {
    await f.manager.create(input(f));
    await f.manager.update('c1', resources);
    await f.manager.start('c1', '');
    await f.manager.pause('c1');
    await f.manager.update('c1', { pids: { limit: 10 } });
    expect(f.runtime.updates).toEqual([
      ['c1', resources],
      ['c1', { pids: { limit: 10 } }],
    ]);
  });

  test('NotFound for an unknown task, FailedPrecondition once stopped', async () => {
    expect(isSkiffError(await rejection(f.manager.update('nope', resources)), 'NotFound')).toBe(true);
    const { pid } = await f.manager.create(input(f));
    await f.manager.start('c1', '');
    f.runtime.exit(pid, 0);
    await f.manager.wait('c1', '');
    const stopped = await rejection(f.manager.update('c1', resources));
    expect(isSkiffError(stopped, 'FailedPrecondition')).toBe(true);
    expect((stopped as Error).message).toBe('cannot update task c1: it is stopped');
    expect(f.runtime.updates).toEqual([]);
  });
});
