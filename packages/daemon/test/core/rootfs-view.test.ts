import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withRootfs } from '../../src/core/rootfs-view';
import type { SnapshotMount } from '../../src/core/ports';

const ID = 'ab'.repeat(32);
const mountinfo = () => fs.readFileSync('/proc/self/mountinfo', 'utf8');

describe('withRootfs', () => {
  let tmp: string;
  let snapshot: string;
  let execRoot: string;
  const port = { snapshotMounts: async (key: string): Promise<SnapshotMount[]> => (key === ID ? [{ type: 'bind', source: snapshot, target: '', options: ['rbind'] }] : Promise.reject(new Error('no snapshot'))) };

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-rootfs-view-'));
    snapshot = path.join(tmp, 'snapshot');
    execRoot = path.join(tmp, 'exec');
    fs.mkdirSync(snapshot);
    fs.writeFileSync(path.join(snapshot, 'hello'), 'hi');
  });
  afterEach(() => {
    expect(mountinfo()).not.toContain(tmp);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const stopped = { Id: ID, State: { Status: 'exited' as const, Pid: 0 } } as never;

  it('mounts a stopped container snapshot for the callback only', async () => {
    const seen = await withRootfs({ port, execRoot }, stopped, 'rw', async (root) => {
      expect(mountinfo()).toContain(root);
      fs.writeFileSync(path.join(root, 'new'), 'x');
      return fs.readFileSync(path.join(root, 'hello'), 'utf8');
    });
    expect(seen).toBe('hi');
    expect(fs.readFileSync(path.join(snapshot, 'new'), 'utf8')).toBe('x');
    expect(fs.readdirSync(path.join(execRoot, 'rootfs'))).toEqual([]);
  });

  it('mounts read-only in ro mode', async () => {
    await withRootfs({ port, execRoot }, stopped, 'ro', async (root) => {
      expect(() => fs.writeFileSync(path.join(root, 'new'), 'x')).toThrow(/EROFS/);
    });
  });

  it('unmounts and removes the mount point when the callback throws', async () => {
    await expect(withRootfs({ port, execRoot }, stopped, 'rw', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.readdirSync(path.join(execRoot, 'rootfs'))).toEqual([]);
  });

  it('uses /proc/<pid>/root for a running container', async () => {
    const running = { Id: ID, State: { Status: 'running' as const, Pid: process.pid } } as never;
    const root = await withRootfs({ port, execRoot }, running, 'ro', async (r) => r);
    expect(root).toBe(`/proc/${process.pid}/root`);
  });
});
