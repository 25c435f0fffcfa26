import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRuntimeOptions, removeTaskFiles, writeTaskFiles } from '../../src/bundle-files';
import { socketPathFor } from '../../src/socket-address';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-bundle-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('runtime-options.json round-trips; missing fields take proto3 defaults; no file is undefined', () => {
  expect(readRuntimeOptions(dir)).toBeUndefined();
  const options = { name: 'builtin', root: '/r', runtimeArgs: ['--x'], logPathJsonFile: '/l', logOptions: { maxSizeBytes: 2 ** 40, maxFiles: 4 } };
  writeTaskFiles(dir, options, 'unix:///s');
  expect(readRuntimeOptions(dir)).toEqual(options);
  expect(fs.readFileSync(path.join(dir, 'shim.address'), 'utf8')).toBe('unix:///s\n');
  fs.writeFileSync(path.join(dir, 'runtime-options.json'), '{"root":"/other","logOptions":{"maxSizeBytes":7}}');
  expect(readRuntimeOptions(dir)).toEqual({ name: '', root: '/other', runtimeArgs: [], logPathJsonFile: '', logOptions: { maxSizeBytes: 7, maxFiles: 0 } });
  fs.writeFileSync(path.join(dir, 'runtime-options.json'), '{"root":5}');
  expect(() => readRuntimeOptions(dir)).toThrow(/root/);
});

test('removeTaskFiles leaves the bundle as it was before writeTaskFiles', () => {
  fs.writeFileSync(path.join(dir, 'config.json'), '{}');
  writeTaskFiles(dir, { name: '', root: '', runtimeArgs: [], logPathJsonFile: '', logOptions: { maxSizeBytes: 0, maxFiles: 0 } }, 'unix:///s');
  removeTaskFiles(dir);
  expect(fs.readdirSync(dir)).toEqual(['config.json']);
});

test('the socket path is <dir>/<sha256 of address NUL namespace NUL id>, well under 108 bytes', () => {
  const p = socketPathFor('/run/skiff/s', '/run/skiff/containerd/containerd.sock', 'default', 'c1');
  // printf '/run/skiff/containerd/containerd.sock\0default\0c1' | sha256sum
  expect(p).toBe('/run/skiff/s/1fcd415e286e3a74cd061c498376ff1ad4eb86eb9efd8e33d214d88025cf621d');
  expect(socketPathFor('/run/skiff/s', 'a', 'ns', 'c1')).not.toBe(socketPathFor('/run/skiff/s', 'b', 'ns', 'c1'));
  expect(p.length).toBeLessThan(108);
});
