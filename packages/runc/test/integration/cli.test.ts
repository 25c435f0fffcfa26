import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canRunContainers, runcBin } from '../helpers/bundle';
import { useRuncHarness } from '../helpers/harness-hooks';

const describeRoot = canRunContainers ? describe : describe.skip;

/** Runs a shell command under a real pseudo-terminal, as a user at a keyboard would. */
function inPty(command: string, input = ''): { out: string; code: number | null } {
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { input, encoding: 'utf8', timeout: 30_000 });
  return { out: r.stdout, code: r.status };
}

describeRoot('skiff-runc command line (root, busybox bundle)', () => {
  const h = useRuncHarness();

  it('run -t in the foreground gives the container a terminal of the right size, and its exit code', () => {
    const b = h.bundle(['sh', '-c', 'tty; stty size; exit 4'], (c) => {
      c.process!.terminal = true;
    });
    const r = inPty(`stty cols 91 rows 27; ${runcBin} --root ${h.root} run --bundle ${b.dir} ${h.id('tty')}`);
    expect(r.out).toMatch(/\/dev\/pts\/\d+/);
    expect(r.out).toContain('27 91');
    expect(r.code).toBe(4);
  });

  it('exec -t gives an exec\'d process its own terminal', () => {
    const id = h.id('exect');
    const b = h.bundle(['sleep', '1000']);
    h.ok(['run', '-d', '--bundle', b.dir, id]);
    const r = inPty(`${runcBin} --root ${h.root} exec -t ${id} sh -c 'tty; exit 6'`);
    expect(r.out).toMatch(/\/dev\/pts\/\d+/);
    expect(r.code).toBe(6);
    h.ok(['delete', '--force', id]);
  });

  it('ps, events --stats and update report on and change a running container', () => {
    const id = h.id('ops');
    const b = h.bundle(['sleep', '1000'], (c) => {
      c.linux!.resources = { memory: { limit: 64 * 1024 * 1024 }, pids: { limit: 50 } };
    });
    h.ok(['run', '-d', '--bundle', b.dir, id]);
    const pid = h.state(id).pid;
    expect(JSON.parse(h.ok(['ps', '--format', 'json', id]))).toEqual([pid]);
    const table = h.ok(['ps', id]);
    expect(table.split('\n')[0]).toMatch(/PID/);
    expect(table).toContain('sleep 1000');
    const stats = JSON.parse(h.ok(['events', '--stats', id]));
    expect(stats).toMatchObject({ type: 'stats', id });
    expect(stats.data.memory.usage.limit).toBe(64 * 1024 * 1024);
    expect(stats.data.pids.current).toBe(1);
    h.ok(['update', '--memory', '128m', '--pids-limit', '20', id]);
    const after = JSON.parse(h.ok(['events', '--stats', id]));
    expect(after.data.memory.usage.limit).toBe(128 * 1024 * 1024);
    expect(after.data.pids.limit).toBe(20);
    h.ok(['update', '-r', '-', id], { input: JSON.stringify({ pids: { limit: 30 } }) });
    expect(JSON.parse(h.ok(['events', '--stats', id])).data.pids.limit).toBe(30);
    h.ok(['delete', '--force', id]);
  });

  it('writes runc-style JSON logs that containerd-shim can parse', () => {
    const log = path.join(os.tmpdir(), `skiff-runc-log-${process.pid}.json`);
    const r = h.run(['--log', log, '--log-format', 'json', 'state', 'no-such-container']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('container does not exist');
    const entry = JSON.parse(fs.readFileSync(log, 'utf8').trim().split('\n').pop()!);
    expect(entry).toMatchObject({ level: 'error', msg: 'container does not exist' });
    expect(Date.parse(entry.time)).not.toBeNaN();
    fs.rmSync(log, { force: true });
  });

  it('spec, features, --version and unsupported flags', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-spec-'));
    try {
      h.ok(['spec', '--bundle', dir]);
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
      expect(config.process.args).toEqual(['sh']);
      expect(h.run(['spec', '--bundle', dir]).stderr).toContain('File config.json exists. Remove it first.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const features = JSON.parse(h.ok(['features']));
    expect(features.ociVersionMin).toBe('1.0.0');
    expect(features.linux.seccomp.enabled).toBe(true);
    expect(h.ok(['--version'])).toMatch(/^skiff-runc version \d+\.\d+\.\d+\nspec: 1\.0\.2-dev/);
    const systemd = h.run(['--systemd-cgroup', 'list']);
    expect(systemd.status).toBe(1);
    expect(systemd.stderr).toContain('systemd cgroup driver is not supported');
    const unknown = h.run(['frobnicate']);
    expect(unknown.status).toBe(1);
  });

  it('passes extra file descriptors with --preserve-fds', () => {
    const b = h.bundle(['sh', '-c', 'cat <&3']);
    const file = path.join(os.tmpdir(), `skiff-fd3-${process.pid}`);
    fs.writeFileSync(file, 'through fd 3\n');
    const fd = fs.openSync(file, 'r');
    try {
      const r = spawnSync(runcBin, ['--root', h.root, 'run', '--preserve-fds', '1', '--bundle', b.dir, h.id('fds')], {
        stdio: ['ignore', 'pipe', 'pipe', fd],
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.stdout).toBe('through fd 3\n');
      expect(r.status).toBe(0);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
    }
  });
});
