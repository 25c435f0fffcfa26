// `docker exec -u` against a container's files: names and numbers as dockerd resolves them, the
// primary group first among the supplementary ones, the container's GroupAdd, Docker's errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execUserFromRoot, execUserWithoutFiles } from '../../src/core/exec-user';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-execuser-'));
  fs.mkdirSync(path.join(root, 'etc'));
  fs.writeFileSync(path.join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nweb:x:1000:1000::/home/web:/bin/sh\n');
  fs.writeFileSync(path.join(root, 'etc', 'group'), 'root:x:0:\nwheel:x:10:root,web\nnogroup:x:65534:\nweb:x:1000:\naudio:x:29:web\n');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('resolves names, uids and groups from the container\'s files', () => {
  expect(execUserFromRoot(root, 'nobody', [])).toEqual({ uid: 65534, gid: 65534, additionalGids: [65534] });
  expect(execUserFromRoot(root, 'web', [])).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 10, 29] });
  expect(execUserFromRoot(root, '1000', [])).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 10, 29] });
  expect(execUserFromRoot(root, 'web:audio', [])).toEqual({ uid: 1000, gid: 29, additionalGids: [29] });
  expect(execUserFromRoot(root, 'nobody:wheel', [])).toEqual({ uid: 65534, gid: 10, additionalGids: [10] });
  expect(execUserFromRoot(root, 'root', [])).toEqual({ uid: 0, gid: 0, additionalGids: [0, 10] });
  // A uid without an entry keeps group 0, as dockerd.
  expect(execUserFromRoot(root, '4242', [])).toEqual({ uid: 4242, gid: 0, additionalGids: [0] });
  expect(execUserFromRoot(root, 'nobody', ['audio', '99'])).toEqual({ uid: 65534, gid: 65534, additionalGids: [65534, 29, 99] });
});

it('refuses unknown users and groups with Docker\'s wording', () => {
  expect(() => execUserFromRoot(root, 'nobody2', [])).toThrow('unable to find user nobody2: no matching entries in passwd file');
  expect(() => execUserFromRoot(root, 'web:ghosts', [])).toThrow('unable to find group ghosts: no matching entries in group file');
});

it('reads no file for uid:gid with numeric GroupAdd', () => {
  expect(execUserWithoutFiles('1000:1000', [])).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000] });
  expect(execUserWithoutFiles('5:6', ['7', '6'])).toEqual({ uid: 5, gid: 6, additionalGids: [6, 7] });
  expect(execUserWithoutFiles('1000', [])).toBeUndefined();
  expect(execUserWithoutFiles('nobody', [])).toBeUndefined();
  expect(execUserWithoutFiles('1:2', ['wheel'])).toBeUndefined();
});
