// Tar streams of files inside a container root (docker cp, docker export), both ways, streamed
// entry by entry. Packing never follows symlinks (they are archived as links). Extraction never
// writes outside the target: names with ".." are refused, parent directories are resolved inside
// the root (core/archive-paths.ts), and the final component is created with calls that do not
// follow it, so a symlink in the archive (or already in the container) cannot redirect a write.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { invalidArgument } from '@skiff/errors';
import { components, type OpenDir, openDirInRoot } from './archive-paths';

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

type EntryHeader = Partial<tar.Header> & Pick<tar.Header, 'name'>;

function headerOf(name: string, st: fs.Stats, linkname: string | undefined): EntryHeader | undefined {
  const common = { name, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: st.mtime };
  if (st.isFile()) return { ...common, type: 'file', size: st.size };
  if (st.isDirectory()) return { ...common, type: 'directory' };
  if (st.isSymbolicLink()) return { ...common, type: 'symlink', linkname };
  if (st.isFIFO()) return { ...common, type: 'fifo' };
  const dev = { devmajor: Math.floor(st.rdev / 256) & 0xfff, devminor: (st.rdev & 0xff) | ((st.rdev >> 12) & 0xfff00) };
  if (st.isCharacterDevice()) return { ...common, type: 'character-device', ...dev };
  if (st.isBlockDevice()) return { ...common, type: 'block-device', ...dev };
  // Sockets have no tar form; Docker skips them too.
  return undefined;
}

export interface PackOptions {
  /** Directories not to descend into, by their path relative to the packed one ("proc"). */
  skip?: (relative: string) => boolean;
}

/**
 * A tar of hostPath (a file, a link, or a directory and everything under it, not following
 * links), its entries named from `name` ("etc", "etc/passwd", ...; "" puts a directory's
 * contents at the top). The stream errors if the tree cannot be read.
 */
export function packTree(hostPath: string, name: string, options: PackOptions = {}): Readable {
  const pack = tar.pack();
  const entry = (header: EntryHeader, body?: Readable) =>
    new Promise<void>((resolve, reject) => {
      const sink = pack.entry(header, (err) => (err ? reject(err) : resolve()));
      if (body) pipeline(body, sink as unknown as NodeJS.WritableStream).catch(reject);
      else sink.end(undefined);
    });
  const walk = async (host: string, entryName: string, relative: string): Promise<void> => {
    const st = await fsp.lstat(host);
    const linkname = st.isSymbolicLink() ? await fsp.readlink(host) : undefined;
    if (entryName !== '') {
      const header = headerOf(st.isDirectory() ? `${entryName}/` : entryName, st, linkname);
      if (!header) return;
      if (header.type === 'file') {
        const file = await fsp.open(host, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
        await entry(header, file.createReadStream());
      } else {
        await entry(header);
      }
    }
    if (!st.isDirectory() || (relative !== '' && options.skip?.(relative))) return;
    // The directory is held open and its children reached through /proc/self/fd: a running
    // container that swaps it for a symlink meanwhile cannot redirect the walk out of its root.
    const dir = await fsp.open(host, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW);
    try {
      const base = `/proc/self/fd/${dir.fd}`;
      for (const child of (await fsp.readdir(base)).sort()) {
        try {
          const childName = entryName === '' ? child : `${entryName}/${child}`;
          await walk(path.join(base, child), childName, relative === '' ? child : `${relative}/${child}`);
        } catch (err) {
          // A file deleted while a live container is archived is not an error.
          if (!isErrno(err, 'ENOENT')) throw err;
        }
      }
    } finally {
      await dir.close();
    }
  };
  walk(hostPath, name, '').then(
    () => pack.finalize(),
    (err: Error) => pack.destroy(err),
  );
  return Readable.from(pack);
}

/** An entry's data as tar-stream hands it over (a streamx Readable). */
type EntryData = AsyncIterable<unknown> & { resume(): unknown };

export interface ExtractOptions {
  /** Refuse to replace a directory with a non-directory or the reverse (Docker's noOverwriteDirNonDir). */
  noOverwriteDirNonDir: boolean;
  /** Owner for every entry; the archive's own uid/gid when absent. */
  owner?: { uid: number; gid: number };
}

/**
 * Extracts a tar stream into the directory dest (a container path) of root. Entries are taken
 * relative to dest whatever their names ("/x" is dest/x); a name with ".." is refused.
 */
export async function extractInto(root: string, dest: string, archive: Readable, options: ExtractOptions): Promise<void> {
  const extract = tar.extract();
  const dirTimes: Array<{ containerPath: string; mtime: Date }> = [];
  const apply = async (header: tar.Header, body: EntryData): Promise<void> => {
    const parts = components(header.name);
    if (parts.includes('..')) throw invalidArgument(`archive entry "${header.name}": ".." would leave the destination, refused`);
    if (parts.length === 0) return;
    // The parent stays open while the entry is written: every call below names the entry
    // through it and none follows the entry itself.
    const parent = await openDirInRoot(root, path.posix.join(dest, ...parts.slice(0, -1)), true);
    try {
      await applyIn(parent, parts[parts.length - 1]!, header, body, parts);
    } finally {
      await parent.handle.close();
    }
  };
  const applyIn = async (parent: OpenDir, name: string, header: tar.Header, body: EntryData, parts: string[]): Promise<void> => {
    const target = parent.at(name);
    const existing = await fsp.lstat(target).catch((err: unknown) => (isErrno(err, 'ENOENT') ? undefined : Promise.reject(err)));
    const isDir = header.type === 'directory';
    if (existing) {
      if (options.noOverwriteDirNonDir && existing.isDirectory() !== isDir) {
        throw invalidArgument(
          existing.isDirectory()
            ? `cannot overwrite directory "${path.posix.join(dest, ...parts)}" with non-directory "${header.name}"`
            : `cannot overwrite non-directory "${path.posix.join(dest, ...parts)}" with directory "${header.name}"`,
        );
      }
      if (!(isDir && existing.isDirectory())) await fsp.rm(target, { recursive: true, force: true });
    }
    const mode = (header.mode ?? 0o644) & 0o7777;
    switch (header.type) {
      case 'file':
      case 'contiguous-file': {
        const fh = await fsp.open(target, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
        try {
          for await (const chunk of body) await fh.write(chunk as Buffer);
        } finally {
          await fh.close();
        }
        break;
      }
      case 'directory':
        if (!existing?.isDirectory()) await fsp.mkdir(target, { mode: 0o700 });
        break;
      case 'symlink':
        await fsp.symlink(header.linkname ?? '', target);
        break;
      case 'link': {
        const linkParts = components(header.linkname ?? '');
        if (linkParts.includes('..') || linkParts.length === 0) throw invalidArgument(`archive entry "${header.name}": hard link to "${header.linkname}" refused`);
        // link(2) does not follow a symlink at the source, so the source's last component stays unresolved.
        const sourceDir = await openDirInRoot(root, path.posix.join(dest, ...linkParts.slice(0, -1)), false);
        try {
          await fsp.link(sourceDir.at(linkParts[linkParts.length - 1]!), target);
        } finally {
          await sourceDir.handle.close();
        }
        break;
      }
      case 'fifo':
        throw invalidArgument(`archive entry "${header.name}": fifos cannot be copied`);
      case 'character-device':
      case 'block-device':
        throw invalidArgument(`archive entry "${header.name}": device nodes cannot be copied`);
      default:
        // pax headers are handled by the parser; other kinds carry nothing to write.
        return;
    }
    const uid = options.owner?.uid ?? header.uid ?? 0;
    const gid = options.owner?.gid ?? header.gid ?? 0;
    await fsp.lchown(target, uid, gid);
    if (header.type === 'symlink') return;
    const mtime = header.mtime ?? new Date();
    if (header.type === 'link') return fsp.lutimes(target, mtime, mtime);
    // chmod(2) follows links: the mode is set on the entry opened without following it.
    const fh = await fsp.open(target, header.type === 'directory' ? fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW : fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      await fh.chmod(mode);
      if (header.type !== 'directory') await fh.utimes(mtime, mtime);
    } finally {
      await fh.close();
    }
    if (header.type === 'directory') dirTimes.push({ containerPath: path.posix.join(parent.containerPath, name), mtime });
  };
  const feeding = pipeline(archive, extract as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extract) {
      await apply(entry.header, entry);
      entry.resume();
    }
  } catch (err) {
    extract.destroy(err as Error);
    await feeding.catch(() => undefined);
    throw err;
  }
  await feeding;
  // A directory's time is set last: creating entries in it changed it.
  for (const d of dirTimes.reverse()) {
    const dir = await openDirInRoot(root, d.containerPath, false);
    try {
      await dir.handle.utimes(d.mtime, d.mtime);
    } finally {
      await dir.handle.close();
    }
  }
}
