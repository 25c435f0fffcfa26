import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finalizeAndExec, FinalizeOptions, resolveExecutable } from '../../src/child/finalize';
import { processPlan, ProcessPlan } from '../../src/lib/plan';
import {
  CLOSE_RANGE_CLOEXEC,
  F,
  O,
  PR,
  PR_CAP_AMBIENT_CLEAR_ALL,
  PR_CAP_AMBIENT_RAISE,
  RLIMIT,
} from '../../src/sys/constants';
import { SysError } from '../../src/sys/syscalls';
import { CallArgs, RecordedCall, RecordingSyscalls } from '../helpers/recording-syscalls';

const SYNC_FD = 5;
const FIFO_FD = 6;
// No host has a passwd entry for this uid, so the HOME the init adds is the fallback "/".
const UID = 2_000_000_123;
const GID = 2_000_000_456;
const SECCOMP = { program: Buffer.from('0123456789abcdef'), flags: 0 };
const KILL = 5;
const NET_BIND_SERVICE = 10;

let tmp: string;
let binDir: string;
let tool: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-finalize-'));
  binDir = path.join(tmp, 'bin');
  fs.mkdirSync(binDir);
  fs.mkdirSync(path.join(tmp, 'empty'));
  tool = path.join(binDir, 'mytool');
  fs.writeFileSync(tool, '#!/bin/sh\n');
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fake where only the test's own tool is executable. */
function fakeSys(): RecordingSyscalls {
  return new RecordingSyscalls().override('access', (p) => p === tool);
}

function plan(overrides: { noNewPrivileges?: boolean; env?: string[]; args?: string[]; umask?: number } = {}): ProcessPlan {
  return processPlan({
    args: overrides.args ?? ['mytool', '--flag'],
    env: overrides.env ?? [`PATH=${tmp}/empty:${binDir}`, 'TERM=xterm'],
    cwd: '/work',
    user: { uid: UID, gid: GID, additionalGids: [10, 20], ...(overrides.umask !== undefined ? { umask: overrides.umask } : {}) },
    capabilities: {
      bounding: ['CAP_KILL', 'CAP_NET_BIND_SERVICE'],
      effective: ['CAP_KILL'],
      permitted: ['CAP_KILL', 'CAP_NET_BIND_SERVICE'],
      inheritable: ['CAP_NET_BIND_SERVICE'],
      ambient: ['CAP_NET_BIND_SERVICE'],
    },
    rlimits: [
      { type: 'RLIMIT_NOFILE', soft: 1024, hard: 4096 },
      { type: 'RLIMIT_NPROC', soft: 100, hard: 100 },
    ],
    noNewPrivileges: overrides.noNewPrivileges ?? false,
  });
}

function options(extra: Partial<FinalizeOptions> = {}): FinalizeOptions {
  return { syncFd: SYNC_FD, fifoFd: FIFO_FD, preserveFds: 0, seccomp: SECCOMP, ...extra };
}

/** Runs finalizeAndExec to its (fake) end and returns the calls a real process would have made. */
function run(sys: RecordingSyscalls, proc: ProcessPlan, opts: FinalizeOptions): RecordedCall[] {
  sys.runToEnd(() => finalizeAndExec(sys, proc, opts));
  return sys.lifetime();
}

function at<K extends RecordedCall['name']>(sys: RecordingSyscalls, name: K, match?: (args: CallArgs<K>) => boolean): number {
  const i = sys.indexOf(name, match);
  if (i < 0) throw new Error(`no ${name} call${match ? ' matching' : ''} was recorded`);
  return i;
}

const isPrctl = (option: number, arg2?: number) => (args: CallArgs<'prctl'>) =>
  args[0] === option && (arg2 === undefined || args[1] === arg2);

describe('finalizeAndExec: privilege-sensitive order', () => {
  it('makes exactly this sequence of calls without no_new_privs', () => {
    const sys = fakeSys();
    const proc = plan();
    const calls = run(sys, proc, options({ preserveFds: 2 }));
    const drops = proc.boundingDrops.map((cap) => ({ name: 'prctl', args: [PR.CAPBSET_DROP, cap] }));
    expect(calls).toEqual([
      { name: 'prlimit', args: [RLIMIT.RLIMIT_NOFILE, 1024n, 4096n] },
      { name: 'prlimit', args: [RLIMIT.RLIMIT_NPROC, 100n, 100n] },
      { name: 'chdir', args: ['/work'] },
      // Before the filter, which may deny close_range.
      { name: 'closeRange', args: [5, 0xffffffff, CLOSE_RANGE_CLOEXEC] },
      { name: 'seccompInstall', args: [SECCOMP.program, 0] },
      ...drops,
      { name: 'prctl', args: [PR.SET_KEEPCAPS, 1] },
      { name: 'setgroups', args: [[10, 20]] },
      { name: 'setresgid', args: [GID] },
      { name: 'setresuid', args: [UID] },
      { name: 'capset', args: [1n << BigInt(KILL), (1n << BigInt(KILL)) | (1n << BigInt(NET_BIND_SERVICE)), 1n << BigInt(NET_BIND_SERVICE)] },
      { name: 'prctl', args: [PR.CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL] },
      { name: 'prctl', args: [PR.CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, NET_BIND_SERVICE] },
      { name: 'prctl', args: [PR.SET_KEEPCAPS, 0] },
      { name: 'umask', args: [0o022] },
      { name: 'access', args: [path.join(binDir, 'mytool'), 1] },
      { name: 'prctl', args: [PR.SET_PDEATHSIG, 0] },
      { name: 'write', args: [SYNC_FD, Buffer.from('READY\n')] },
      { name: 'close', args: [SYNC_FD] },
      { name: 'open', args: [`/proc/self/fd/${FIFO_FD}`, O.WRONLY | O.CLOEXEC] },
      { name: 'write', args: [100, Buffer.from('0')] },
      { name: 'close', args: [100] },
      { name: 'close', args: [FIFO_FD] },
      { name: 'resetSignals', args: [] },
      { name: 'fcntl', args: [0, F.SETFD, 0] },
      { name: 'fcntl', args: [1, F.SETFD, 0] },
      { name: 'fcntl', args: [2, F.SETFD, 0] },
      { name: 'fcntl', args: [3, F.SETFD, 0] },
      { name: 'fcntl', args: [4, F.SETFD, 0] },
      { name: 'execve', args: [tool, ['mytool', '--flag'], [`PATH=${tmp}/empty:${binDir}`, 'TERM=xterm', 'HOME=/']] },
    ]);
  });

  it('marks inherited fds close-on-exec by walking /proc/self/fd when close_range is refused', () => {
    const sys = fakeSys();
    sys.override('closeRange', () => {
      throw new SysError('close_range', 1);
    });
    run(sys, plan(), options({ preserveFds: 2 }));
    const marked = sys.calls.filter((c) => c.name === 'fcntl' && c.args[1] === F.SETFD && c.args[2] === 1);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((c) => (c.args[0] as number) >= 5)).toBe(true);
  });

  it('sets rlimits while still privileged, before any capability is dropped', () => {
    const sys = fakeSys();
    run(sys, plan(), options());
    const lastRlimit = sys.calls.map((c) => c.name).lastIndexOf('prlimit');
    expect(lastRlimit).toBeGreaterThanOrEqual(0);
    expect(lastRlimit).toBeLessThan(at(sys, 'prctl', isPrctl(PR.CAPBSET_DROP)));
  });

  it('installs seccomp before dropping capabilities when no_new_privs is off', () => {
    // Without no_new_privs the kernel wants CAP_SYS_ADMIN for a filter; it goes with the drop.
    const sys = fakeSys();
    run(sys, plan({ noNewPrivileges: false }), options());
    expect(sys.argsOf('seccompInstall')).toHaveLength(1);
    expect(at(sys, 'seccompInstall')).toBeLessThan(at(sys, 'prctl', isPrctl(PR.CAPBSET_DROP)));
    expect(sys.indexOf('prctl', isPrctl(PR.SET_NO_NEW_PRIVS))).toBe(-1);
  });

  it('with no_new_privs sets it after the identity change and installs seccomp after READY, the fifo and the hooks', () => {
    const sys = fakeSys();
    run(sys, plan({ noNewPrivileges: true }), options({ startContainerHooks: [{ path: '/hook' }], stateJson: '{"id":"c1"}' }));
    const nnp = at(sys, 'prctl', isPrctl(PR.SET_NO_NEW_PRIVS, 1));
    expect(nnp).toBeGreaterThan(at(sys, 'prctl', isPrctl(PR.SET_KEEPCAPS, 0)));
    expect(nnp).toBeLessThan(at(sys, 'write', ([fd]) => fd === SYNC_FD));

    expect(sys.argsOf('seccompInstall')).toHaveLength(1);
    const seccomp = at(sys, 'seccompInstall');
    expect(seccomp).toBeGreaterThan(at(sys, 'close', ([fd]) => fd === FIFO_FD));
    expect(seccomp).toBeGreaterThan(at(sys, 'waitpid'));
    expect(seccomp).toBeLessThan(at(sys, 'execve'));
  });

  // runc installs the filter "as close to execve as possible" so a profile only needs what the
  // program uses. Here resetSignals (rt_sigaction, rt_sigprocmask), fcntl and close_range run
  // under the filter: a profile without close_range (older Docker/containerd defaults, whose
  // default action is ERRNO) makes close_range fail, and the container exits 127 at start.
  it('with no_new_privs installs seccomp as the very last call before execve', () => {
    const sys = fakeSys();
    const calls = run(sys, plan({ noNewPrivileges: true }), options());
    expect(calls.slice(-2).map((c) => c.name)).toEqual(['seccompInstall', 'execve']);
  });

  it('drops bounding caps, keeps caps across setuid, changes identity, then sets caps and ambient', () => {
    const sys = fakeSys();
    run(sys, plan(), options());
    const order = [
      at(sys, 'prctl', isPrctl(PR.CAPBSET_DROP)),
      at(sys, 'prctl', isPrctl(PR.SET_KEEPCAPS, 1)),
      at(sys, 'setgroups'),
      at(sys, 'setresgid'),
      at(sys, 'setresuid'),
      at(sys, 'capset'),
      at(sys, 'prctl', isPrctl(PR.CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)),
      at(sys, 'prctl', isPrctl(PR.CAP_AMBIENT, PR_CAP_AMBIENT_RAISE)),
      at(sys, 'prctl', isPrctl(PR.SET_KEEPCAPS, 0)),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('skips bounding caps that are already gone (EINVAL) and fails on other errors', () => {
    const proc = plan();
    const einval = fakeSys().override('prctl', (option) => {
      if (option === PR.CAPBSET_DROP) throw new SysError('prctl', 22);
      return 0;
    });
    expect(einval.runToEnd(() => finalizeAndExec(einval, proc, options()))).toMatchObject({ kind: 'execve' });

    const eperm = fakeSys().override('prctl', (option) => {
      if (option === PR.CAPBSET_DROP) throw new SysError('prctl', 1);
      return 0;
    });
    expect(() => finalizeAndExec(eperm, proc, options())).toThrow('prctl: operation not permitted');
    expect(eperm.argsOf('prctl')).toHaveLength(1);
  });

  it('writes READY to the sync fd before opening the exec fifo, and waits on the fifo through /proc/self/fd', () => {
    const sys = fakeSys();
    run(sys, plan(), options());
    const ready = at(sys, 'write', ([fd, buf]) => fd === SYNC_FD && buf.toString() === 'READY\n');
    const fifo = at(sys, 'open', ([p]) => p === `/proc/self/fd/${FIFO_FD}`);
    expect(ready).toBeLessThan(fifo);
    expect(at(sys, 'prctl', isPrctl(PR.SET_PDEATHSIG, 0))).toBeLessThan(ready);
    expect(sys.written(SYNC_FD).toString()).toBe('READY\n');
  });

  it('opens no fifo for an exec\'d process, which starts at once', () => {
    const sys = fakeSys();
    run(sys, plan(), options({ fifoFd: undefined }));
    expect(sys.indexOf('open')).toBe(-1);
  });

  it('marks fds from 3 + preserveFds close-on-exec and clears it below', () => {
    const sys = fakeSys();
    run(sys, plan(), options({ preserveFds: 0 }));
    expect(sys.argsOf('fcntl')).toEqual([
      [0, F.SETFD, 0],
      [1, F.SETFD, 0],
      [2, F.SETFD, 0],
    ]);
    expect(sys.argsOf('closeRange')).toEqual([[3, 0xffffffff, CLOSE_RANGE_CLOEXEC]]);
  });

  it('moves the given stdio onto 0-2, leaving fds already in place', () => {
    const sys = fakeSys();
    run(sys, plan(), options({ stdio: [20, 1, 22] }));
    expect(sys.argsOf('dup2')).toEqual([
      [20, 0],
      [22, 2],
    ]);
    expect(at(sys, 'dup2')).toBeLessThan(at(sys, 'prlimit'));
  });

  it('applies the process umask', () => {
    const sys = fakeSys();
    run(sys, plan({ umask: 0o077 }), options());
    expect(sys.argsOf('umask')).toEqual([[0o077]]);
  });

  it('refuses a terminal without a console socket before touching anything', () => {
    const sys = fakeSys();
    const proc = { ...plan(), terminal: true };
    expect(() => finalizeAndExec(sys, proc, options())).toThrow('a terminal was requested but no console socket was given');
    expect(sys.calls).toEqual([]);
  });
});

describe('finalizeAndExec: execve', () => {
  it('executes the PATH-resolved binary with the original argv', () => {
    const sys = fakeSys();
    expect(sys.runToEnd(() => finalizeAndExec(sys, plan(), options()))).toEqual({
      kind: 'execve',
      path: tool,
      argv: ['mytool', '--flag'],
      env: [`PATH=${tmp}/empty:${binDir}`, 'TERM=xterm', 'HOME=/'],
    });
  });

  it('keeps a HOME the config sets', () => {
    const sys = fakeSys();
    const env = [`PATH=${binDir}`, 'HOME=/home/app'];
    expect(sys.runToEnd(() => finalizeAndExec(sys, plan({ env }), options()))).toMatchObject({ env });
  });

  it('fails before READY when the binary cannot be found, so create reports it', () => {
    const sys = fakeSys();
    expect(() => finalizeAndExec(sys, plan({ args: ['nothere'] }), options())).toThrow(
      'exec: "nothere": executable file not found in $PATH',
    );
    expect(sys.written(SYNC_FD).length).toBe(0);
    expect(sys.ending).toBeUndefined();
  });

  it('reports a failure after READY on the container\'s stderr and exits 127', () => {
    const sys = fakeSys().override('execve', () => {
      throw new SysError('execve', 13, tool);
    });
    expect(sys.runToEnd(() => finalizeAndExec(sys, plan(), options()))).toEqual({ kind: 'exit', code: 127 });
    expect(sys.written(2).toString()).toBe(`skiff-runc: execve ${tool}: permission denied\n`);
  });

  it('runs startContainer hooks after the fifo opened, feeding them the state', () => {
    const sys = fakeSys();
    run(sys, plan(), options({ startContainerHooks: [{ path: '/hook', args: ['hook', 'x'] }], stateJson: '{"id":"c1"}' }));
    const fork = at(sys, 'fork');
    expect(fork).toBeGreaterThan(at(sys, 'close', ([fd]) => fd === FIFO_FD));
    // The fake's fork returns a pid, so this is the hook's parent side: state on the pipe, then wait.
    const stateWrite = at(sys, 'write', ([, buf]) => buf.toString() === '{"id":"c1"}');
    expect(stateWrite).toBeGreaterThan(fork);
    expect(at(sys, 'waitpid')).toBeGreaterThan(stateWrite);
    expect(at(sys, 'waitpid')).toBeLessThan(at(sys, 'execve'));
  });
});

describe('resolveExecutable', () => {
  it('searches PATH in order and skips entries that are not executable files', () => {
    const sys = fakeSys();
    fs.mkdirSync(path.join(tmp, 'empty', 'mytool'));
    expect(resolveExecutable(sys, 'mytool', [`PATH=${tmp}/empty:${binDir}`])).toBe(tool);
    // The directory named like the tool was not even asked about: it is not a file.
    expect(sys.argsOf('access')).toEqual([[tool, 1]]);
  });

  it('skips files the process may not execute', () => {
    const sys = new RecordingSyscalls();
    expect(() => resolveExecutable(sys, 'mytool', [`PATH=${binDir}`])).toThrow('exec: "mytool": executable file not found in $PATH');
    expect(sys.argsOf('access')).toEqual([[tool, 1]]);
  });

  it('falls back to the default PATH when the environment has none', () => {
    const sys = new RecordingSyscalls();
    expect(() => resolveExecutable(sys, 'skiff-no-such-tool', [])).toThrow('executable file not found in $PATH');
    expect(sys.argsOf('access')).toEqual([]);
  });

  it('takes a name with a slash as a path, without a PATH search', () => {
    const sys = fakeSys();
    expect(resolveExecutable(sys, tool, ['PATH=/nowhere'])).toBe(tool);
    expect(() => resolveExecutable(sys, '/no/such/bin', [])).toThrow('exec: "/no/such/bin": stat /no/such/bin: no such file or directory');
  });

  // runc resolves args[0] with Go's exec.LookPath at create time, which refuses a directory or a
  // file without execute permission ('exec: "/etc": permission denied'); here such a path passes
  // and execve fails only after READY, turning a create error into exit 127 at start.
  it('refuses a path with a slash that is not an executable file', () => {
    const sys = fakeSys();
    expect(() => resolveExecutable(sys, binDir, [])).toThrow(`exec: "${binDir}"`);
  });
});
