import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { defaultSpec } from '@skiff/oci-spec';
import { ContainerRecord, StateStore, validateId } from '../../src/lib/state-store';

let root: string;
let store: StateStore;

beforeEach(() => {
  // The store's root is created on first claim, as runc's --root is: start from a path that is not there.
  root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-state-')), 'root');
  store = new StateStore(root);
});

afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

function record(id: string, pid = 1234): ContainerRecord {
  return {
    id,
    pid,
    initStartTime: '987654',
    bundle: '/bundles/' + id,
    rootfs: '/bundles/' + id + '/rootfs',
    created: '2024-01-02T03:04:05.000Z',
    owner: 'root',
    config: defaultSpec({ hostUid: 0, hostGid: 0 }),
    cgroupPaths: { '': '/sys/fs/cgroup/' + id },
    cgroupVersion: 2,
  };
}

function expectError(fn: () => unknown, kind: string, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isSkiffError(caught, kind as 'NotFound')).toBe(true);
  expect((caught as Error).message).toBe(message);
}

describe('validateId', () => {
  it.each(['abc', 'a.b-c_d+e', 'A1', '...x', '-'])('accepts %j', (id) => {
    expect(() => validateId(id)).not.toThrow();
  });

  it.each(['', '.', '..', 'a/b', '../x', 'a b', 'a:b', 'é', 'x\n'])('refuses %j', (id) => {
    expectError(() => validateId(id), 'InvalidArgument', `invalid id format: ${id}`);
  });
});

describe('StateStore', () => {
  it('claims an id by creating its directory, then refuses a second claim', () => {
    const dir = store.claim('c1');
    expect(dir).toBe(path.join(root, 'c1'));
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    expect(store.exists('c1')).toBe(true);
    expectError(() => store.claim('c1'), 'AlreadyExists', 'container with id exists: c1');
  });

  it('refuses to claim or load an invalid id before touching the filesystem', () => {
    expectError(() => store.claim('../escape'), 'InvalidArgument', 'invalid id format: ../escape');
    expectError(() => store.load('a/b'), 'InvalidArgument', 'invalid id format: a/b');
    expect(fs.existsSync(root)).toBe(false);
  });

  it('reports a container that was never saved as not existing', () => {
    expectError(() => store.load('ghost'), 'NotFound', 'container does not exist');
    store.claim('claimed');
    expectError(() => store.load('claimed'), 'NotFound', 'container does not exist');
  });

  it('saves and loads a record, writing BigInts as decimal strings', () => {
    store.claim('c1');
    const rec = record('c1');
    store.save(rec);
    expect(store.load('c1')).toEqual(rec);

    const withBig = { ...rec, config: { ...rec.config, annotations: {} }, pid: 5 } as ContainerRecord & { extra?: bigint };
    withBig.extra = 18446744073709551615n;
    store.save(withBig);
    expect((store.load('c1') as unknown as { extra: string }).extra).toBe('18446744073709551615');
  });

  it('replaces state.json through a rename, so no partial file or temp file is left', () => {
    store.claim('c1');
    store.save(record('c1', 1));
    const inode = fs.statSync(path.join(root, 'c1', 'state.json')).ino;
    store.save(record('c1', 2));
    expect(store.load('c1').pid).toBe(2);
    // A rename puts a new inode in place; an in-place rewrite would keep the old one.
    expect(fs.statSync(path.join(root, 'c1', 'state.json')).ino).not.toBe(inode);
    expect(fs.readdirSync(path.join(root, 'c1'))).toEqual(['state.json']);
  });

  it('lists, sorted, only the ids that have a saved state', () => {
    expect(store.ids()).toEqual([]);
    for (const id of ['zeta', 'alpha', 'mid']) {
      store.claim(id);
      store.save(record(id));
    }
    store.claim('half-created');
    fs.writeFileSync(path.join(root, 'stray-file'), '');
    expect(store.ids()).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('removes a container\'s directory and everything in it', () => {
    store.claim('c1');
    store.save(record('c1'));
    fs.writeFileSync(store.fifoOf('c1'), '');
    store.remove('c1');
    expect(store.exists('c1')).toBe(false);
    expect(() => store.remove('c1')).not.toThrow();
  });

  it('keeps the exec fifo in the container\'s directory', () => {
    expect(store.fifoOf('c1')).toBe(path.join(root, 'c1', 'exec.fifo'));
  });
});
