// skiff-ctr against a real skiff-containerd: the debug CLI's verbs end to end.
import * as path from 'node:path';
import { canRunContainers, ContainerdHarness, until } from '../helpers/containerd';

const describeRoot = canRunContainers ? describe : describe.skip;
const ctrBin = path.resolve(__dirname, '../../bin/skiff-ctr');

describeRoot('skiff-ctr', () => {
  jest.setTimeout(120_000);
  const h = new ContainerdHarness();
  beforeAll(() => h.start());
  afterAll(() => h.cleanup());

  function ctr(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = h.spawn(process.execPath, [ctrBin, '--address', h.address, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  }

  it('version reaches the server', async () => {
    const r = await ctr('version');
    expect(r.stdout).toMatch(/Server:\n {2}Version: \d+\.\d+\.\d+/);
  });

  it('run in the foreground: output on our stdout and stderr, its exit status as ours, --rm', async () => {
    const r = await ctr('run', '--rm', '--rootfs', h.rootfs, '--runtime-root', h.runtimeRoot, 'fg', '/bin/sh', '-c', 'echo out; echo err >&2; exit 6');
    expect(r).toMatchObject({ status: 6, stdout: 'out\n', stderr: 'err\n' });
    expect((await ctr('containers', 'list')).stdout).not.toContain('fg');
  });

  it('run -d, then list, ps, exec, kill, wait, delete', async () => {
    const log = path.join(h.logs, 'bg.log');
    const started = await ctr('run', '-d', '--rootfs', h.rootfs, '--runtime-root', h.runtimeRoot, '--log', log, 'bg', '/bin/sleep', '1000');
    expect(started.status).toBe(0);
    const pid = Number(started.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    expect((await ctr('tasks', 'list')).stdout).toMatch(new RegExp(`bg\\s+${pid}\\s+RUNNING`));
    expect((await ctr('tasks', 'ps', 'bg')).stdout).toContain(String(pid));
    const exec = await ctr('tasks', 'exec', 'bg', '/bin/sh', '-c', 'echo inside; exit 2');
    expect(exec).toMatchObject({ status: 2, stdout: 'inside\n' });
    expect((await ctr('containers', 'info', 'bg')).stdout).toContain('"/bin/sleep"');
    const waiting = ctr('tasks', 'wait', 'bg');
    await ctr('tasks', 'kill', '-s', 'KILL', 'bg');
    expect((await waiting).status).toBe(137);
    expect((await ctr('tasks', 'delete', 'bg')).stdout).toBe('bg 137\n');
    expect((await ctr('containers', 'delete', 'bg')).status).toBe(0);
  });

  it('events prints what happens', async () => {
    const child = h.spawn(process.execPath, [ctrBin, '--address', h.address, 'events', 'topic~=^/containers/'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => setTimeout(r, 1_000));
    await ctr('containers', 'create', '--rootfs', h.rootfs, 'ev', '/bin/true');
    await ctr('containers', 'delete', 'ev');
    await until(() => out.includes('/containers/delete'), 10_000, 'events printed');
    child.kill('SIGINT');
    expect(out).toMatch(/default \/containers\/create \{"id":"ev"/);
  });

  it('errors are one line on stderr, exit 1', async () => {
    const r = await ctr('tasks', 'kill', 'missing');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^skiff-ctr: no task for container "missing"/);
  });
});
