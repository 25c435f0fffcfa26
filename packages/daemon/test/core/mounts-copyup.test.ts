// Copy-up from a root filesystem into empty volumes, and path resolution inside a root.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MountPoint } from '../../src/core/mounts';
import { copyUp, resolveInRootfs } from '../../src/core/mounts-copyup';

let dir: string;
let root: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-copyup-'));
  root = path.join(dir, 'root');
  fs.mkdirSync(path.join(root, 'srv', 'data', 'sub'), { recursive: true });
  fs.writeFileSync(path.join(root, 'srv', 'data', 'sub', 'f'), 'seed');
  fs.chmodSync(path.join(root, 'srv', 'data'), 0o750);
  fs.symlinkSync('/srv', path.join(root, 'link'));
  fs.symlinkSync('../../../../..', path.join(root, 'srv', 'escape'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const volume = (name: string, destination: string, copy = true): MountPoint => {
  const source = path.join(dir, name);
  fs.mkdirSync(source, { recursive: true });
  return { Type: 'volume', Name: name, Source: source, Destination: destination, Driver: 'local', Mode: '', RW: true, Propagation: '', ...(copy ? { CopyUp: true } : {}) };
};

it('resolves symlinks as the container sees them, never above the root', () => {
  expect(resolveInRootfs(root, '/link/data')).toBe(path.join(root, 'srv', 'data'));
  expect(resolveInRootfs(root, '/srv/escape/srv')).toBe(path.join(root, 'srv'));
  expect(resolveInRootfs(root, '/nope')).toBeUndefined();
});

it('copies into empty volumes only, with the directory\'s mode, and clears CopyUp', async () => {
  const fresh = volume('fresh', '/link/data');
  const full = volume('full', '/srv/data');
  fs.writeFileSync(path.join(full.Source, 'mine'), 'x');
  const skipped = volume('skipped', '/srv/data', false);
  const missing = volume('missing', '/not/in/image');
  const out = await copyUp(root, [fresh, full, skipped, missing]);
  expect(out.every((m) => m.CopyUp === undefined)).toBe(true);
  expect(fs.readFileSync(path.join(fresh.Source, 'sub', 'f'), 'utf8')).toBe('seed');
  expect(fs.statSync(fresh.Source).mode & 0o777).toBe(0o750);
  expect(fs.readdirSync(full.Source)).toEqual(['mine']);
  expect(fs.readdirSync(skipped.Source)).toEqual([]);
  expect(fs.readdirSync(missing.Source)).toEqual([]);
});
