// Reading a file through overlay layer directories without mounting them: the topmost layer
// wins, whiteouts hide, symlinks resolve inside the root across layers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImageUserFiles, readInLayers, userFilesOf } from '../../src/core/image-user-files';

let dir: string;
let layer: (n: number) => string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iuf-'));
  layer = (n) => path.join(dir, `l${n}`);
  for (const n of [0, 1, 2]) fs.mkdirSync(path.join(layer(n), 'etc'), { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (n: number, rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(layer(n), rel)), { recursive: true });
  fs.writeFileSync(path.join(layer(n), rel), text);
};
const canMknod = process.getuid?.() === 0;

it('takes the topmost layer holding the file and merges directories', async () => {
  write(2, 'etc/passwd', 'bottom');
  write(1, 'etc/group', 'middle');
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/passwd')).toBe('bottom');
  write(0, 'etc/passwd', 'top');
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/passwd')).toBe('top');
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/group')).toBe('middle');
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/shadow')).toBe('');
  expect(await readInLayers([], '/etc/passwd')).toBe('');
});

(canMknod ? it : it.skip)('a whiteout hides the file in the layers below', async () => {
  write(2, 'etc/group', 'bottom');
  expect(spawnSync('mknod', [path.join(layer(1), 'etc/group'), 'c', '0', '0']).status).toBe(0);
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/group')).toBe('');
  write(0, 'etc/group', 'again');
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/group')).toBe('again');
});

it('a file in an upper layer hides a directory of the same path below', async () => {
  write(1, 'etc/passwd', 'hidden');
  fs.rmSync(path.join(layer(0), 'etc'), { recursive: true });
  write(0, 'etc', 'not a directory');
  expect(await readInLayers([layer(0), layer(1)], '/etc/passwd')).toBe('');
});

it('follows symlinks inside the root, across layers, never out of it', async () => {
  write(2, 'data/passwd', 'linked');
  fs.symlinkSync('../data/passwd', path.join(layer(0), 'etc/passwd'));
  expect(await readInLayers([layer(0), layer(1), layer(2)], '/etc/passwd')).toBe('linked');
  fs.symlinkSync('/../../../../../../etc/hostname', path.join(layer(0), 'etc/group'));
  write(1, 'etc/hostname', 'inside');
  expect(await readInLayers([layer(0), layer(1)], '/etc/group')).toBe('inside');
  fs.symlinkSync('loop', path.join(layer(0), 'etc/loop'));
  expect(await readInLayers([layer(0)], '/etc/loop')).toBe('');
  fs.rmSync(path.join(layer(1), 'etc'), { recursive: true });
  fs.symlinkSync('/data', path.join(layer(1), 'etc'));
  expect(await readInLayers([layer(1), layer(2)], '/etc/passwd')).toBe('linked');
});

it('reads both files from a snapshot\'s mounts and keeps them per image', async () => {
  write(1, 'etc/passwd', 'root:x:0:0::/root:/bin/sh\n');
  write(1, 'etc/group', 'root:x:0:\n');
  const overlay = [{ type: 'overlay', source: 'overlay', target: '', options: ['index=off', `workdir=${dir}/w`, `upperdir=${layer(0)}`, `lowerdir=${layer(1)}:${layer(2)}`] }];
  expect(await userFilesOf(overlay)).toEqual({ passwd: 'root:x:0:0::/root:/bin/sh\n', group: 'root:x:0:\n' });
  expect(await userFilesOf([])).toEqual({ passwd: '', group: '' });

  const cache = new ImageUserFiles();
  let calls = 0;
  const mounts = async () => {
    calls++;
    return overlay;
  };
  const [a, b] = await Promise.all([cache.get('sha256:one', mounts), cache.get('sha256:one', mounts)]);
  expect(a).toEqual(b);
  expect(calls).toBe(1);
  await expect(cache.get('sha256:two', () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
  expect((await cache.get('sha256:two', mounts)).passwd).toContain('root');
});
