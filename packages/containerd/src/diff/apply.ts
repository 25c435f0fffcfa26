// Unpacking a layer tar into a directory, streaming: the tar is parsed as it arrives and each
// file's data is written as it is read, so a layer is never held in memory.
//
// Two targets:
//   overlay: the directory is an overlay upper dir (a prepared snapshot's own fs). Deletions are
//            recorded the way overlayfs reads them: ".wh.NAME" becomes a 0/0 character device
//            NAME, ".wh..wh..opq" sets trusted.overlay.opaque=y on its directory.
//   flat:    the directory is the whole root filesystem (a first layer, an export): whiteouts
//            delete, an opaque marker empties its directory of what lower layers put there.
// Whiteouts apply to lower layers only (OCI image spec), so neither removes what the same layer
// wrote; an opaque marker may come after its directory's entries.
//
// What a hostile tar gets (see rootpath.ts for the resolution itself):
//   "../x", "a/../../x", ".wh..." or a hardlink target with ".."   rejected (INVALID_ARGUMENT)
//   "/x" (absolute name or hardlink target)                       taken relative to the root
//   a parent component that is a symlink (from this layer or a lower one, to "/etc", "../../..")
//                                                                  followed inside the root only
//   an entry whose own name is an existing symlink                 the symlink is replaced, never followed
//   a hardlink to a directory, or to a path missing in the root    rejected
//   a hardlink through a symlink                                    resolved inside the root
//   device nodes with allowDevices false                           rejected
//   trusted.overlay.* xattrs in PAX headers                        dropped (they would forge overlay
//                                                                  whiteouts or redirects)
//   names longer than NAME_MAX/PATH_MAX                             rejected
// A rejected layer leaves a partial tree behind; the caller discards the snapshot.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { invalidArgument } from '@skiff/errors';
import { isErrno } from '../content/atomic';
import type { Mount } from '../snapshots/types';
import { decompressStream } from './compression';
import { checkPathLength, entryComponents, resolveDir } from './rootpath';
import { S_IFBLK, S_IFCHR, S_IFIFO, lsetxattr, mknod } from './syscalls';

export type ApplyMode = 'flat' | 'overlay';

export interface ApplyOptions {
  /** Default 'flat'. */
  mode?: ApplyMode;
  /** The layer's media type; checked against the magic bytes. */
  mediaType?: string;
  /** Create block and character devices; default: when running as root. */
  allowDevices?: boolean;
  /** Give entries the tar's uid/gid; default: when running as root. */
  sameOwner?: boolean;
}

export interface ApplyResult {
  /** sha256 of the uncompressed tar: the layer's diffID. */
  diffId: string;
  /** Bytes of the uncompressed tar. */
  size: number;
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
const OVERLAY_OPAQUE_XATTR = 'trusted.overlay.opaque';
const PAX_XATTR_PREFIX = 'SCHILY.xattr.';

/** Unpacks layer into target (an existing directory). */
export async function applyLayer(layer: Readable, target: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const root = await fsp.realpath(target);
  const asRoot = process.getuid?.() === 0;
  const unpacker = new Unpacker(root, options.mode ?? 'flat', options.allowDevices ?? asRoot, options.sameOwner ?? asRoot);
  let tarStream: Readable;
  try {
    tarStream = await decompressStream(layer, options.mediaType);
  } catch (err) {
    layer.destroy();
    throw err;
  }
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const extract = tar.extract();
  const feeding = pipeline(tarStream, tap, extract as unknown as NodeJS.WritableStream);
  // Awaited below; until then a failure must not count as unhandled.
  feeding.catch(() => undefined);
  try {
    for await (const entry of extract) await unpacker.entry(entry.header, entry);
    await feeding;
  } catch (err) {
    tarStream.destroy();
    layer.destroy();
    throw err;
  }
  await unpacker.finish();
  return { diffId: `sha256:${hash.digest('hex')}`, size };
}

/**
 * Unpacks into a snapshot, given its mounts: an overlay's upper dir in overlay mode, a bind
 * mount's source (a snapshot without parent) in flat mode, or in overlay mode when asked (a
 * snapshot that will be committed onto a parent later).
 */
export async function applyLayerToMounts(layer: Readable, mounts: Mount[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const m = mounts.length === 1 ? mounts[0]! : undefined;
  const upper = m?.type === 'overlay' ? m.options.find((o) => o.startsWith('upperdir='))?.slice('upperdir='.length) : undefined;
  if (upper) return applyLayer(layer, upper, { ...options, mode: 'overlay' });
  if (m && (m.type === 'bind' || m.options.includes('rbind') || m.options.includes('bind')) && !m.options.includes('ro')) {
    return applyLayer(layer, m.source, { ...options, mode: options.mode ?? 'flat' });
  }
  throw invalidArgument('a layer can only be applied to one writable overlay or bind mount (an active snapshot)');
}

/** An entry's data as tar-stream hands it over (a streamx Readable). */
type EntryData = AsyncIterable<unknown> & { resume(): unknown };

class Unpacker {
  /** Paths this layer created or changed: whiteouts and opaque markers leave them alone. */
  private readonly written = new Set<string>();
  /** Directory times are set last: adding their children changes them. */
  private readonly dirTimes: Array<[string, Date]> = [];

  constructor(
    private readonly root: string,
    private readonly mode: ApplyMode,
    private readonly allowDevices: boolean,
    private readonly sameOwner: boolean,
  ) {}

  async entry(header: tar.Header, data: EntryData): Promise<void> {
    try {
      await this.apply(header, data);
    } finally {
      // Whatever was not read (a rejected or skipped entry) is drained so the parser goes on.
      data.resume();
    }
  }

  async finish(): Promise<void> {
    for (const [dir, mtime] of this.dirTimes.sort((a, b) => b[0].length - a[0].length)) {
      try {
        await fsp.lutimes(dir, mtime, mtime);
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) throw err;
      }
    }
  }

  private async apply(header: tar.Header, data: EntryData): Promise<void> {
    const components = entryComponents(header.name);
    if (components.length === 0) {
      if (header.type !== 'directory') throw invalidArgument(`layer entry "${header.name}": only a directory can name the root`);
      await this.setAttributes(this.root, header, true);
      this.dirTimes.push([this.root, header.mtime]);
      return;
    }
    const base = components[components.length - 1]!;
    const parents = components.slice(0, -1);
    if (base === OPAQUE_MARKER) return this.opaque(parents, header.name);
    if (base.startsWith(WHITEOUT_PREFIX)) return this.whiteout(parents, base.slice(WHITEOUT_PREFIX.length), header.name);

    const dir = await this.resolveParent(parents, header.name, true);
    const target = path.join(dir!, base);
    checkPathLength(target, header.name);
    const existing = await lstatOrUndefined(target);

    if (header.type === 'directory') {
      if (existing && !existing.isDirectory()) await fsp.rm(target, { recursive: true, force: true });
      if (!existing || !existing.isDirectory()) await fsp.mkdir(target, { mode: 0o700 });
      await this.setAttributes(target, header, true);
      this.written.add(target);
      this.dirTimes.push([target, header.mtime]);
      return;
    }
    // Anything else replaces what is there, a directory included (the "replace dir" case).
    if (existing) await fsp.rm(target, { recursive: true, force: true });
    switch (header.type) {
      case 'file':
      case 'contiguous-file':
        await this.writeFile(target, header, data);
        break;
      case 'symlink':
        if (header.linkname === '' || header.linkname.includes('\0')) throw invalidArgument(`layer symlink "${header.name}": empty or invalid target`);
        await fsp.symlink(header.linkname, target);
        await this.setAttributes(target, header, false);
        break;
      case 'link':
        await this.hardlink(target, header);
        break;
      case 'character-device':
      case 'block-device':
        if (!this.allowDevices) throw invalidArgument(`layer entry "${header.name}": device nodes are not allowed here`);
        mknod(target, (header.type === 'block-device' ? S_IFBLK : S_IFCHR) | (header.mode & 0o7777), header.devmajor, header.devminor);
        await this.setAttributes(target, header, true);
        break;
      case 'fifo':
        mknod(target, S_IFIFO | (header.mode & 0o7777));
        await this.setAttributes(target, header, true);
        break;
      default:
        throw invalidArgument(`layer entry "${header.name}": unsupported type ${header.type}`);
    }
    this.written.add(target);
  }

  private async writeFile(target: string, header: tar.Header, data: EntryData): Promise<void> {
    const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
    const handle = await fsp.open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
    try {
      for await (const chunk of data) {
        const buf = chunk as Buffer;
        let pos = 0;
        while (pos < buf.length) pos += (await handle.write(buf, pos, buf.length - pos)).bytesWritten;
      }
      if (this.sameOwner) await handle.chown(header.uid, header.gid);
      // After chown, which clears setuid and setgid.
      await handle.chmod(header.mode & 0o7777);
      this.setXattrs(target, header);
      await handle.utimes(header.mtime, header.mtime);
    } finally {
      await handle.close();
    }
  }

  private async hardlink(target: string, header: tar.Header): Promise<void> {
    const components = entryComponents(header.linkname, 'hardlink target');
    if (components.length === 0) throw invalidArgument(`layer hardlink "${header.name}": target names the root`);
    const dir = await this.resolveParent(components.slice(0, -1), header.linkname, false);
    const source = dir && path.join(dir, components[components.length - 1]!);
    const st = source ? await lstatOrUndefined(source) : undefined;
    if (!source || !st) throw invalidArgument(`layer hardlink "${header.name}": target "${header.linkname}" does not exist in the layer${this.mode === 'overlay' ? '' : ' or below'}`);
    if (st.isDirectory()) throw invalidArgument(`layer hardlink "${header.name}": target "${header.linkname}" is a directory`);
    // link(2) does not follow a symlink source: a hardlink to a symlink links the symlink.
    await fsp.link(source, target);
  }

  private async whiteout(parents: string[], name: string, tarName: string): Promise<void> {
    if (name === '' || name === '.' || name === '..' || name.startsWith(WHITEOUT_PREFIX)) {
      throw invalidArgument(`layer whiteout "${tarName}": invalid whiteout name`);
    }
    const dir = await this.resolveParent(parents, tarName, this.mode === 'overlay');
    if (!dir) return;
    const target = path.join(dir, name);
    checkPathLength(target, tarName);
    if (this.written.has(target)) return;
    const existing = await lstatOrUndefined(target);
    if (existing) await fsp.rm(target, { recursive: true, force: true });
    if (this.mode === 'overlay') {
      mknod(target, S_IFCHR, 0, 0);
      this.written.add(target);
    }
  }

  private async opaque(parents: string[], tarName: string): Promise<void> {
    const dir = await this.resolveParent(parents, tarName, this.mode === 'overlay');
    if (!dir) return;
    if (this.mode === 'overlay') {
      lsetxattr(dir, OVERLAY_OPAQUE_XATTR, Buffer.from('y'));
      return;
    }
    for (const name of await fsp.readdir(dir)) {
      const child = path.join(dir, name);
      if (!this.written.has(child)) await fsp.rm(child, { recursive: true, force: true });
    }
  }

  private resolveParent(parents: string[], name: string, create: boolean): Promise<string | undefined> {
    return resolveDir(this.root, parents, { create, name, created: (d) => this.written.add(d) });
  }

  // chmod follows symlinks, so it is skipped for them (a symlink's mode means nothing on Linux);
  // every other call here acts on the path itself.
  private async setAttributes(target: string, header: tar.Header, chmod: boolean): Promise<void> {
    if (this.sameOwner) await fsp.lchown(target, header.uid, header.gid);
    if (chmod) await fsp.chmod(target, header.mode & 0o7777);
    this.setXattrs(target, header);
    if (header.type !== 'directory') await fsp.lutimes(target, header.mtime, header.mtime);
  }

  private setXattrs(target: string, header: tar.Header): void {
    const pax = header.pax as Record<string, string> | null | undefined;
    if (!pax) return;
    for (const [key, value] of Object.entries(pax)) {
      if (!key.startsWith(PAX_XATTR_PREFIX)) continue;
      const name = key.slice(PAX_XATTR_PREFIX.length);
      if (name.startsWith('trusted.overlay.')) continue;
      try {
        lsetxattr(target, name, Buffer.from(value));
      } catch (err) {
        // A filesystem without that namespace (user.* on tmpfs before 6.6) loses the attribute, as
        // tar --xattrs does; anything else is a real failure.
        if (!isErrno(err, 'EOPNOTSUPP') && !isErrno(err, 'ENOTSUP')) throw err;
      }
    }
  }
}

async function lstatOrUndefined(p: string): Promise<fs.Stats | undefined> {
  try {
    return await fsp.lstat(p);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}
