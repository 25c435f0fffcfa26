/**
 * The device filter on this host's kernel: programs are loaded with bpf(2) and attached to a
 * cgroup2 directory, and a process moved there finds its device opens allowed or refused. A hybrid
 * host's cgroup2 tree has no controllers, but device programs attach to any cgroup2 directory. Its
 * processes stay in the host's v1 devices cgroup too, which allows everything, so every refusal
 * seen here is the program's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { newCgroupManager } from '../../src/cgroups';
import type { LinuxDeviceCgroup } from '../../src/cgroups';
import { compileDeviceFilter, reduceDeviceRules } from '../../src/cgroups/device-filter/compile';
import { cgroupDeviceFilters } from '../../src/cgroups/device-filter/load';
import { forceRemove } from './real-helpers';

const UNIFIED = '/sys/fs/cgroup/unified';
const runnable = process.getuid?.() === 0 && fs.existsSync(path.join(UNIFIED, 'cgroup.procs'));
const describeReal = runnable ? describe : describe.skip;

const DENIED = 'Operation not permitted';

const allowAll: LinuxDeviceCgroup = { allow: true };
const dockerDefault: LinuxDeviceCgroup[] = [
  { allow: false, access: 'rwm' },
  ...[3, 5, 7, 8, 9].map((minor): LinuxDeviceCgroup => ({ allow: true, type: 'c', major: 1, minor, access: 'rwm' })),
  { allow: true, type: 'c', major: 5, minor: 0, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 1, access: 'rwm' },
  { allow: true, type: 'c', major: 136, minor: -1, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 2, access: 'rwm' },
  { allow: true, type: 'c', major: 10, minor: 200, access: 'rwm' },
  { allow: true, type: 'c', major: -1, minor: -1, access: 'm' },
  { allow: true, type: 'b', major: -1, minor: -1, access: 'm' },
];

const program = (rules: LinuxDeviceCgroup[]): Buffer => compileDeviceFilter(reduceDeviceRules(rules));

/** Opens /dev/null (c 1:3), /dev/zero (c 1:5), /dev/full (c 1:7) and /dev/kmsg (c 1:11), none of them through /dev/null. */
const PROBE = [
  'cat /dev/null && echo null-ok',
  'head -c1 /dev/zero | wc -c | grep -q 1 && echo zero-ok',
  'head -c1 /dev/full | wc -c | grep -q 1 && echo full-ok',
  ': </dev/kmsg && echo kmsg-ok',
].join('; ');

describeReal('device filter on this kernel', () => {
  const dir = path.join(UNIFIED, `skiff-devtest-${process.pid}`);
  const children: ChildProcess[] = [];

  beforeAll(() => {
    fs.mkdirSync(dir);
  });

  afterAll(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await forceRemove(dir);
  });

  /** Runs the probe in a shell that joins a cgroup (through join) before it opens anything. */
  async function probe(join: (pid: number) => void): Promise<{ opened: string[]; stderr: string }> {
    const child = spawn('sh', ['-c', `read go; ${PROBE}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    join(child.pid!);
    child.stdin!.end('go\n');
    await closed;
    return { opened: stdout.split('\n').filter((l) => l !== '').map((l) => l.replace(/-ok$/, '')), stderr };
  }

  const inDir = (pid: number): void => fs.writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));

  it('refuses /dev/null to a process in the cgroup and lets it open /dev/zero', async () => {
    cgroupDeviceFilters.replace(dir, program([allowAll, { allow: false, type: 'c', major: 1, minor: 3, access: 'rwm' }]));
    const { opened, stderr } = await probe(inDir);
    expect(opened).toEqual(['zero', 'full', 'kmsg']);
    expect(stderr).toContain(`/dev/null: ${DENIED}`);
  });

  it('replaces the program on update, and leaves none for allow-all', async () => {
    cgroupDeviceFilters.replace(dir, program(dockerDefault));
    let result = await probe(inDir);
    expect(result.opened).toEqual(['null', 'zero', 'full']);
    expect(result.stderr).toContain(DENIED);

    // If the Docker program were still attached, kmsg would stay refused.
    cgroupDeviceFilters.replace(dir, program([allowAll, { allow: false, type: 'c', major: 1, minor: 7, access: 'r' }]));
    result = await probe(inDir);
    expect(result.opened).toEqual(['null', 'zero', 'kmsg']);

    cgroupDeviceFilters.replace(dir, undefined);
    result = await probe(inDir);
    expect(result.opened).toEqual(['null', 'zero', 'full', 'kmsg']);
    expect(result.stderr).toBe('');
  });

  it('reports the verifier log of a program the kernel refuses', () => {
    const exitOnly = Buffer.from([0x95, 0, 0, 0, 0, 0, 0, 0]);
    let caught: unknown;
    try {
      cgroupDeviceFilters.replace(dir, exitOnly);
    } catch (err) {
      caught = err;
    }
    expect(isSkiffError(caught, 'Internal')).toBe(true);
    expect((caught as Error).message).toMatch(/cannot load the device filter[^]*verifier log:[^]*R0/);
  });

  it('the v2 manager applies Docker rules on create and new ones on update', async () => {
    const m = newCgroupManager({ layout: { version: 2, root: dir }, cgroupsPath: '/c1', containerId: 'c1' });
    m.create({ devices: dockerDefault });
    try {
      let result = await probe((pid) => m.addProcess(pid));
      expect(result.opened).toEqual(['null', 'zero', 'full']);
      expect(result.stderr).toContain(`/dev/kmsg: ${DENIED}`);

      m.update({ devices: [allowAll] });
      result = await probe((pid) => m.addProcess(pid));
      expect(result.opened).toEqual(['null', 'zero', 'full', 'kmsg']);
    } finally {
      m.destroy();
    }
  });
});
