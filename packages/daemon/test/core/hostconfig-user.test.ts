// User and group names resolved from a root filesystem's /etc/passwd and /etc/group.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveUser } from '../../src/core/hostconfig-user';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-user-'));
  fs.mkdirSync(path.join(root, 'etc'));
  fs.writeFileSync(path.join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\nweb:x:1000:1000::/home/web:/bin/sh\n');
  fs.writeFileSync(path.join(root, 'etc', 'group'), 'root:x:0:\nwheel:x:10:root,web\nnogroup:x:65534:\nweb:x:1000:\naudio:x:29:web\n');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('resolves names and numbers with the user\'s groups', () => {
  expect(resolveUser(root, '')).toEqual({ uid: 0, gid: 0, additionalGids: [10] });
  expect(resolveUser(root, 'nobody')).toEqual({ uid: 65534, gid: 65534 });
  expect(resolveUser(root, 'web')).toEqual({ uid: 1000, gid: 1000, additionalGids: [10, 29] });
  expect(resolveUser(root, '1000')).toEqual({ uid: 1000, gid: 1000, additionalGids: [10, 29] });
  expect(resolveUser(root, 'web:audio')).toEqual({ uid: 1000, gid: 29 });
  expect(resolveUser(root, '4242:7')).toEqual({ uid: 4242, gid: 7 });
  expect(resolveUser(root, 'nobody', ['wheel', '99'])).toEqual({ uid: 65534, gid: 65534, additionalGids: [10, 99] });
});

it('refuses unknown names with Docker\'s messages', () => {
  expect(() => resolveUser(root, 'ghost')).toThrow('unable to find user ghost: no matching entries in passwd file');
  expect(() => resolveUser(root, 'web:ghosts')).toThrow('unable to find group ghosts: no matching entries in group file');
  expect(() => resolveUser(root, 'web', ['ghosts'])).toThrow('Unable to find group ghosts: no matching entries in group file');
});

it('treats missing files as empty and stays inside the root on symlinks', () => {
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-user-'));
  try {
    expect(resolveUser(bare, '5:6')).toEqual({ uid: 5, gid: 6 });
    fs.mkdirSync(path.join(bare, 'etc'));
    fs.symlinkSync('/etc/shadow-not-here', path.join(bare, 'etc', 'passwd'));
    expect(() => resolveUser(bare, 'root')).toThrow('unable to find user root');
  } finally {
    fs.rmSync(bare, { recursive: true, force: true });
  }
});
