// makeNetns against the real kernel (root): the namespace it leaves behind has loopback up, and the
// thread that made it, skiffd's only JavaScript thread, is back in its own namespace afterwards,
// also when making it fails.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeNetns, unmount } from '../../src/core/libc';

const root = process.getuid?.() === 0;
const own = () => fs.readlinkSync('/proc/thread-self/ns/net');

(root ? describe : describe.skip)('makeNetns (kernel)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-netns-'));
  });
  afterEach(() => {
    for (const name of fs.readdirSync(dir)) {
      try {
        unmount(path.join(dir, name));
      } catch {
        // Not a mount point: the test failed before making one.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a new namespace with lo up on the file, and leaves the calling thread where it was', () => {
    const before = own();
    const file = path.join(dir, 'c1');
    fs.writeFileSync(file, '');
    makeNetns(file);
    expect(own()).toBe(before);
    const inside = execFileSync('nsenter', [`--net=${file}`, 'readlink', '/proc/self/ns/net'], { encoding: 'utf8' }).trim();
    expect(inside).not.toBe(before);
    const lo = execFileSync('nsenter', [`--net=${file}`, 'ip', '-o', 'link', 'show', 'lo'], { encoding: 'utf8' });
    expect(lo).toMatch(/<LOOPBACK,UP,LOWER_UP>/);
    // Only lo: a fresh namespace, not the host's.
    expect(execFileSync('nsenter', [`--net=${file}`, 'ip', '-o', 'link'], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(1);
  });

  it('a file it cannot mount on is an error, and the thread is back in its own namespace all the same', () => {
    const before = own();
    expect(() => makeNetns(path.join(dir, 'missing', 'c2'))).toThrow(/mount .*ENOENT/);
    expect(own()).toBe(before);
  });
});
