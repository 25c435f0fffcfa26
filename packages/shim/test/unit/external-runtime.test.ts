import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { ExternalRuntime, runtimeError } from '../../src/runtime/external';
import { checkRuntimeBinary, runtimeSelector } from '../../src/runtime/select';
import { BuiltinRuntime } from '../../src/runtime/builtin';

const options = { name: '', root: '/run/test', runtimeArgs: [], logPathJsonFile: '', logOptions: { maxSizeBytes: 0, maxFiles: 0 } };

test("runc's messages map to the kinds the Task API answers with", () => {
  expect(runtimeError('runc kill', 'container does not exist').kind).toBe('NotFound');
  expect(runtimeError('runc create', 'container with id exists: c1').kind).toBe('AlreadyExists');
  expect(runtimeError('runc kill', 'container not running').kind).toBe('FailedPrecondition');
  expect(runtimeError('runc start', 'cannot start a container that has stopped').kind).toBe('FailedPrecondition');
  const other = runtimeError('runc create', 'exec: "x": executable file not found in $PATH');
  expect(other.kind).toBe('Internal');
  expect(other.message).toBe('runc create: exec: "x": executable file not found in $PATH');
});

test('"builtin" and "" select the library (one per root); a path selects that binary', () => {
  const select = runtimeSelector();
  const a = select(options);
  expect(a).toBeInstanceOf(BuiltinRuntime);
  expect(select({ ...options, name: 'builtin' })).toBe(a);
  expect(select({ ...options, root: '/run/other' })).not.toBe(a);
  expect(select({ ...options, name: '/bin/sh' })).toBeInstanceOf(ExternalRuntime);
});

test('an external runtime must be an absolute path to an executable file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-bin-'));
  try {
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(plain, '', { mode: 0o644 });
    expect(() => checkRuntimeBinary('runc')).toThrow(/absolute path/);
    for (const bad of ['/nonexistent/runc', plain, dir]) {
      const err = (() => {
        try {
          checkRuntimeBinary(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(isSkiffError(err, 'InvalidArgument')).toBe(true);
      expect((err as Error).message).toMatch(/not an executable file/);
    }
    expect(() => checkRuntimeBinary('/bin/sh')).not.toThrow();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the runc command line it produces (a recording script stands in for runc)', () => {
  let dir: string;
  let script: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-ext-'));
    script = path.join(dir, 'fake-runc');
    // Records its argv; writes a pid where --pid-file points; fails on "start" like runc does.
    fs.writeFileSync(
      script,
      `#!/bin/sh
echo "$@" >> ${dir}/calls
log=""; pidfile=""; prev=""
for a in "$@"; do
  [ "$prev" = "--log" ] && log="$a"
  [ "$prev" = "--pid-file" ] && pidfile="$a"
  prev="$a"
done
[ -n "$pidfile" ] && echo 4242 > "$pidfile"
case " $* " in
  *" start "*) echo '{"level":"error","msg":"container does not exist","time":"x"}' > "$log"; exit 1 ;;
  *" ps "*) echo null ;;
  *" events "*) echo '{"type":"stats","data":{"cpu":{},"memory":{},"pids":{"current":2},"blkio":{},"hugetlb":{}}}' ;;
  *" update "*) cat > ${dir}/stdin ;;
esac
exit 0
`,
      { mode: 0o755 },
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const calls = () =>
    fs
      .readFileSync(path.join(dir, 'calls'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.replace(/\/tmp\/skiff-shim-runtime-\w+/g, '<dir>'));

  test('global flags first (--root, --log json, runtime_args), then runc subcommands', async () => {
    const commands: number[] = [];
    const rt = new ExternalRuntime({ binary: script, root: '/r', args: ['--systemd-cgroup'], onCommand: (d) => commands.push(d) });
    const fds = { stdin: 0, stdout: 1, stderr: 2 };
    expect(await rt.create('c1', { bundle: '/b', stdio: fds, terminal: false })).toEqual({ pid: 4242 });
    await rt.kill('c1', 15, true);
    expect(await rt.exec('c1', { args: ['true'], cwd: '/' }, { stdio: fds, terminal: false })).toEqual({ pid: 4242 });
    expect(await rt.pids('c1')).toEqual([]);
    expect((await rt.stats('c1')).pids.current).toBe(2);
    await rt.update('c1', { pids: { limit: 5 } });
    await rt.delete('c1');
    const err = await rt.start('c1').catch((e: unknown) => e);
    expect(isSkiffError(err, 'NotFound')).toBe(true);
    expect((err as Error).message).toBe('fake-runc start: container does not exist');
    const prefix = '--root /r --log <dir>/log.json --log-format json --systemd-cgroup';
    expect(calls()).toEqual([
      `${prefix} create --bundle /b --pid-file <dir>/pid c1`,
      `${prefix} kill --all c1 15`,
      `${prefix} exec --detach --pid-file <dir>/pid --process <dir>/process.json c1`,
      `${prefix} ps --format json c1`,
      `${prefix} events --stats c1`,
      `${prefix} update --resources - c1`,
      `${prefix} delete --force c1`,
      `${prefix} start c1`,
    ]);
    // Every command is bracketed for the orphan reaper, failures included.
    expect(commands).toEqual([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1]);
    expect(fs.readFileSync(path.join(dir, 'stdin'), 'utf8')).toBe('{"pids":{"limit":5}}');
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('skiff-shim-runtime-'))).toEqual([]);
  });
});

describe('terminals through --console-socket (a python script stands in for runc)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-console-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A runtime that records its argv and, when `send`, sends /dev/null as the "pty master", as runc sends the real one. */
  function fakeRuntime(send: boolean): string {
    const script = path.join(dir, 'fake-runc');
    fs.writeFileSync(
      script,
      `#!/usr/bin/python3
import socket, sys
open(${JSON.stringify(dir)} + '/calls', 'a').write(' '.join(sys.argv[1:]) + '\\n')
args = sys.argv[1:]
if '--pid-file' in args:
    open(args[args.index('--pid-file') + 1], 'w').write('4242')
if '--console-socket' in args and ${send ? 'True' : 'False'}:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(args[args.index('--console-socket') + 1])
    with open('/dev/null', 'rb') as f:
        socket.send_fds(s, [b'/dev/pts/9'], [f.fileno()])
`,
      { mode: 0o755 },
    );
    return script;
  }

  const calls = () => fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n').map((l) => l.replace(/\/tmp\/skiff-shim-runtime-\w+/g, '<dir>'));
  const fds = { stdin: 0, stdout: 1, stderr: 2 };

  test('create and exec pass --console-socket and hand back the fd the runtime sent', async () => {
    const rt = new ExternalRuntime({ binary: fakeRuntime(true), root: '/r', args: [] });
    const created = await rt.create('c1', { bundle: '/b', stdio: fds, terminal: true });
    expect(created.pid).toBe(4242);
    expect(fs.readlinkSync(`/proc/self/fd/${created.terminal}`)).toBe('/dev/null');
    const exec = await rt.exec('c1', { args: ['sh'], cwd: '/', terminal: true }, { stdio: fds, terminal: true });
    expect(fs.readlinkSync(`/proc/self/fd/${exec.terminal}`)).toBe('/dev/null');
    for (const fd of [created.terminal!, exec.terminal!]) fs.closeSync(fd);
    expect(calls()).toEqual([
      '--root /r --log <dir>/log.json --log-format json create --bundle /b --pid-file <dir>/pid --console-socket <dir>/console.sock c1',
      '--root /r --log <dir>/log.json --log-format json exec --detach --pid-file <dir>/pid --process <dir>/process.json --console-socket <dir>/console.sock c1',
    ]);
  });

  test('a runtime that sends no terminal fails the create, and the container it made is deleted', async () => {
    const rt = new ExternalRuntime({ binary: fakeRuntime(false), root: '/r', args: [] });
    const err = await rt.create('c1', { bundle: '/b', stdio: fds, terminal: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'Internal')).toBe(true);
    expect((err as Error).message).toMatch(/^fake-runc create: no terminal on the console socket/);
    expect(calls()[1]).toBe('--root /r --log <dir>/log.json --log-format json delete --force c1');
  });
});
