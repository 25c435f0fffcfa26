import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { secureJoin } from '../../src/lib/securejoin';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-securejoin-'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function mkdir(rel: string): void {
  fs.mkdirSync(path.join(root, rel), { recursive: true });
}

function symlink(target: string, rel: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.symlinkSync(target, path.join(root, rel));
}

describe('secureJoin', () => {
  it('joins plain paths, ignoring empty and "." components', () => {
    mkdir('a/b');
    expect(secureJoin(root, '/a/b')).toBe(path.join(root, 'a/b'));
    expect(secureJoin(root, 'a//./b/')).toBe(path.join(root, 'a/b'));
    expect(secureJoin(root, '')).toBe(root);
    expect(secureJoin(root, '/')).toBe(root);
  });

  it('keeps non-existent tails as they are', () => {
    expect(secureJoin(root, '/does/not/exist')).toBe(path.join(root, 'does/not/exist'));
  });

  it('never lets ".." climb above the root', () => {
    expect(secureJoin(root, '../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(secureJoin(root, '/a/../../../b')).toBe(path.join(root, 'b'));
  });

  it('resolves an absolute symlink inside the root, not on the host', () => {
    // The target exists on the host too; following it there is exactly what must not happen.
    symlink('/tmp/elsewhere', 'etc');
    expect(secureJoin(root, '/etc/hosts')).toBe(path.join(root, 'tmp/elsewhere/hosts'));
  });

  it('resolves a relative symlink against the directory holding it', () => {
    mkdir('a/real');
    symlink('real', 'a/link');
    symlink('../a/real', 'b/up');
    expect(secureJoin(root, '/a/link/file')).toBe(path.join(root, 'a/real/file'));
    expect(secureJoin(root, '/b/up/file')).toBe(path.join(root, 'a/real/file'));
  });

  it('keeps a relative symlink full of ".." inside the root', () => {
    symlink('../../../../../../outside', 'x/escape');
    expect(secureJoin(root, '/x/escape/file')).toBe(path.join(root, 'outside/file'));
  });

  it('resolves a symlink to "/" to the root itself', () => {
    symlink('/', 'rootlink');
    expect(secureJoin(root, '/rootlink/etc')).toBe(path.join(root, 'etc'));
  });

  it('follows chains of symlinks, then applies ".." physically to the resolved path', () => {
    mkdir('c/d');
    symlink('/b', 'a');
    symlink('/c/d', 'b');
    expect(secureJoin(root, '/a/file')).toBe(path.join(root, 'c/d/file'));
    expect(secureJoin(root, '/a/../sibling')).toBe(path.join(root, 'c/sibling'));
  });

  it('resolves a dangling symlink to where its target would be', () => {
    symlink('/var/lib/missing', 'data');
    expect(secureJoin(root, '/data/deeper/file')).toBe(path.join(root, 'var/lib/missing/deeper/file'));
  });

  it('fails on a symlink loop instead of spinning', () => {
    symlink('/b', 'a');
    symlink('/a', 'b');
    symlink('self', 'self');
    expect(() => secureJoin(root, '/a/x')).toThrow('secure join /a/x: too many levels of symbolic links');
    expect(() => secureJoin(root, '/self')).toThrow('too many levels of symbolic links');
  });
});
