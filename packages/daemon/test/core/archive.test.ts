import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { openDirInRoot, resolveInRoot } from '../../src/core/archive-paths';
import { extractInto, packTree } from '../../src/core/archive-tar';

type Entry = Partial<tar.Header> & { name: string; body?: string };

async function tarOf(entries: Entry[]): Promise<Readable> {
  const pack = tar.pack();
  for (const { body, ...header } of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ mode: 0o644, ...header, ...(body === undefined ? {} : { size: Buffer.byteLength(body) }) }, body ?? '', (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  return Readable.from(pack);
}

async function listTar(stream: Readable): Promise<Array<{ name: string; type: string; body: string; linkname: string | null }>> {
  const extract = tar.extract();
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  const out = [];
  for await (const e of extract) {
    const chunks: Buffer[] = [];
    for await (const c of e) chunks.push(c as Buffer);
    out.push({ name: e.header.name, type: e.header.type, body: Buffer.concat(chunks).toString(), linkname: e.header.linkname ?? null });
  }
  return out;
}

describe('container paths and archives', () => {
  let tmp: string;
  let root: string;
  let outside: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-archive-'));
    root = path.join(tmp, 'root');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
    fs.writeFileSync(path.join(outside, 'secret'), 'host secret');
    fs.symlinkSync('/', path.join(root, 'rootlink'));
    fs.symlinkSync('../../../../../../..', path.join(root, 'up'));
    fs.symlinkSync(outside, path.join(root, 'abs'));
    fs.symlinkSync('loop2', path.join(root, 'loop1'));
    fs.symlinkSync('loop1', path.join(root, 'loop2'));
    fs.symlinkSync('etc/passwd', path.join(root, 'pw'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('resolveInRoot', () => {
    it('follows an absolute symlink to / back to the container root', async () => {
      expect(await resolveInRoot(root, '/rootlink/etc/passwd', true)).toEqual({ hostPath: path.join(root, 'etc/passwd'), containerPath: '/etc/passwd' });
    });
    it('stops .. and relative links at the root', async () => {
      expect((await resolveInRoot(root, '/up/etc', true)).hostPath).toBe(path.join(root, 'etc'));
      expect((await resolveInRoot(root, '/../../../etc', true)).hostPath).toBe(path.join(root, 'etc'));
    });
    it('takes an absolute target as a container path, not a host one', async () => {
      expect((await resolveInRoot(root, '/abs/secret', true)).hostPath).toBe(path.join(root, outside, 'secret'));
    });
    it('follows the last link only when asked', async () => {
      expect((await resolveInRoot(root, '/pw', false)).containerPath).toBe('/pw');
      expect((await resolveInRoot(root, '/pw', true)).containerPath).toBe('/etc/passwd');
    });
    it('refuses symlink loops', async () => {
      await expect(resolveInRoot(root, '/loop1/x', true)).rejects.toThrow(/too many levels of symbolic links/);
    });
  });

  describe('openDirInRoot', () => {
    const open = async (p: string, create = false) => {
      const dir = await openDirInRoot(root, p, create);
      await dir.handle.close();
      return dir.containerPath;
    };
    it('walks hostile links inside the root with held directories', async () => {
      expect(await open('/rootlink/etc')).toBe('/etc');
      expect(await open('/up/../../etc')).toBe('/etc');
      await expect(open('/abs')).rejects.toThrow(/ENOENT/);
      expect(await open('/abs/new', true)).toBe(`${outside}/new`);
      expect(fs.existsSync(path.join(root, outside, 'new'))).toBe(true);
      expect(fs.readdirSync(outside)).toEqual(['secret']);
      await expect(open('/loop1')).rejects.toThrow(/too many levels of symbolic links/);
      await expect(open('/etc/passwd')).rejects.toThrow(/ENOTDIR/);
    });
  });

  describe('packTree', () => {
    it('archives a directory without following links', async () => {
      const entries = await listTar(packTree(root, 'r'));
      expect(entries.find((e) => e.name === 'r/etc/passwd')?.body).toContain('root:x');
      expect(entries.find((e) => e.name === 'r/rootlink')).toMatchObject({ type: 'symlink', linkname: '/' });
      expect(entries.some((e) => e.body.includes('host secret'))).toBe(false);
    });
  });

  describe('extractInto', () => {
    const extract = (entries: Entry[], dest = '/', noOverwriteDirNonDir = false) => tarOf(entries).then((t) => extractInto(root, dest, t, { noOverwriteDirNonDir }));

    it('extracts files, directories and links', async () => {
      await extract([{ name: 'd/', type: 'directory', mode: 0o755 }, { name: 'd/f', body: 'hello', mode: 0o600 }, { name: 'd/l', type: 'symlink', linkname: 'f' }, { name: 'd/h', type: 'link', linkname: 'd/f' }], '/etc');
      expect(fs.readFileSync(path.join(root, 'etc/d/f'), 'utf8')).toBe('hello');
      expect(fs.statSync(path.join(root, 'etc/d/f')).mode & 0o777).toBe(0o600);
      expect(fs.readlinkSync(path.join(root, 'etc/d/l'))).toBe('f');
      expect(fs.statSync(path.join(root, 'etc/d/h')).ino).toBe(fs.statSync(path.join(root, 'etc/d/f')).ino);
    });

    it('refuses .. entries', async () => {
      await expect(extract([{ name: '../../escape', body: 'x' }])).rejects.toThrow(/would leave the destination/);
      expect(fs.existsSync(path.join(tmp, 'escape'))).toBe(false);
    });

    it('puts absolute names under the destination', async () => {
      await extract([{ name: `/${outside}/owned`, body: 'x' }]);
      expect(fs.existsSync(path.join(outside, 'owned'))).toBe(false);
      expect(fs.readFileSync(path.join(root, outside, 'owned'), 'utf8')).toBe('x');
    });

    it('keeps a file written through a symlink of the archive inside the root', async () => {
      await extract([{ name: 'esc', type: 'symlink', linkname: outside }, { name: 'esc/owned', body: 'x' }, { name: 'up2', type: 'symlink', linkname: '../../..' }, { name: 'up2/owned2', body: 'y' }]);
      expect(fs.readdirSync(outside)).toEqual(['secret']);
      expect(fs.existsSync(path.join(tmp, 'owned2'))).toBe(false);
      expect(fs.readFileSync(path.join(root, outside, 'owned'), 'utf8')).toBe('x');
      expect(fs.readFileSync(path.join(root, 'owned2'), 'utf8')).toBe('y');
    });

    it('does not write through a symlink that is the final component', async () => {
      fs.symlinkSync(path.join(outside, 'secret'), path.join(root, 'victim'));
      await extract([{ name: 'victim', body: 'overwritten' }]);
      expect(fs.readFileSync(path.join(outside, 'secret'), 'utf8')).toBe('host secret');
      expect(fs.lstatSync(path.join(root, 'victim')).isFile()).toBe(true);
    });

    it('resolves hard links inside the root', async () => {
      await expect(extract([{ name: 'h', type: 'link', linkname: '../outside/secret' }])).rejects.toThrow(/refused/);
      // "abs" points to the host's outside directory by name; inside the root that path does not exist.
      await expect(extract([{ name: 'h2', type: 'link', linkname: 'abs/secret' }])).rejects.toThrow(/ENOENT/);
      expect(fs.statSync(path.join(outside, 'secret')).nlink).toBe(1);
    }, 10_000);

    it('refuses to replace a directory with a file under noOverwriteDirNonDir', async () => {
      await expect(extract([{ name: 'etc', body: 'x' }], '/', true)).rejects.toThrow('cannot overwrite directory "/etc" with non-directory "etc"');
      expect(fs.statSync(path.join(root, 'etc')).isDirectory()).toBe(true);
    });
  });
});
