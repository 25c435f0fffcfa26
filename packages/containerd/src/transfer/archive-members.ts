// Reading an untrusted archive's members without ever giving them a place on the filesystem: each
// regular file is streamed into the content store (named by its digest), the few small index
// files are kept in memory, and links are remembered as aliases between member names. Paths that
// manifest.json or a link names are resolved against those names only, so "../../etc/passwd" or a
// symlink to "/etc" can name nothing outside the archive; they are refused outright.
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { invalidArgument } from '@skiff/errors';
import type { ContentStore } from '../content/store';
import { type BlobInfo, type TransferLease, ingestStream } from './archive-content';
import { DOCKER_MANIFEST_FILE, INDEX_FILE, OCI_LAYOUT_FILE, REPOSITORIES_FILE } from './archive-layout';

// Small files read into memory; anything larger is not one of them.
const INDEX_FILES = new Set([DOCKER_MANIFEST_FILE, INDEX_FILE, OCI_LAYOUT_FILE, REPOSITORIES_FILE]);
const INDEX_FILE_MAX_BYTES = 16 << 20;
// Linux's limit on symlinks followed in one resolution.
const MAX_LINKS = 40;
const BLOB_MEMBER = /^blobs\/sha256\/([a-f0-9]{64})$/;

function printable(name: string): string {
  const shown = name.length > 200 ? `${name.slice(0, 200)}...` : name;
  return JSON.stringify(shown);
}

/**
 * A member name as a clean relative path ("./a//b" -> "a/b"). Absolute names and ".." are
 * refused: no legitimate archive has them, and they are how an archive would reach outside.
 */
export function memberName(name: string, what = 'archive member'): string {
  if (name.includes('\0')) throw invalidArgument(`${what} ${printable(name)}: contains NUL`);
  if (name.startsWith('/')) throw invalidArgument(`${what} ${printable(name)}: absolute paths are refused`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw invalidArgument(`${what} ${printable(name)}: ".." escapes the archive, refused`);
  return parts.join('/');
}

export class ArchiveMembers {
  /** Regular files, by member name, as stored blobs. */
  private readonly files = new Map<string, BlobInfo>();
  /** Symlinks and hardlinks: member name -> the member name they stand for. */
  private readonly links = new Map<string, string>();
  private readonly indexFiles = new Map<string, Buffer>();

  constructor(
    private readonly content: ContentStore,
    private readonly lease: TransferLease,
  ) {}

  /** Reads the whole archive; onFile is told of each file stored (for progress). */
  async read(input: Readable, onFile: (name: string, blob: BlobInfo) => void = () => undefined): Promise<void> {
    const extract = tar.extract();
    input.on('error', (err) => extract.destroy(err));
    input.pipe(extract as unknown as NodeJS.WritableStream);
    try {
      for await (const entry of extract) {
        try {
          await this.entry(entry.header, entry, onFile);
        } finally {
          entry.resume();
        }
      }
    } catch (err) {
      input.destroy();
      throw err;
    }
  }

  private async entry(header: tar.Header, data: AsyncIterable<unknown>, onFile: (name: string, blob: BlobInfo) => void): Promise<void> {
    const name = memberName(header.name);
    switch (header.type) {
      case 'directory':
        return;
      case 'file':
      case 'contiguous-file':
        break;
      case 'symlink': {
        if (header.linkname === null || header.linkname === '' || header.linkname.startsWith('/')) {
          throw invalidArgument(`archive symlink ${printable(header.name)} -> ${printable(header.linkname ?? '')}: only relative links inside the archive are allowed`);
        }
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(name), header.linkname));
        if (target === '..' || target.startsWith('../')) {
          throw invalidArgument(`archive symlink ${printable(header.name)} -> ${printable(header.linkname)}: points outside the archive, refused`);
        }
        this.links.set(name, memberName(target, 'archive symlink target'));
        return;
      }
      case 'link':
        this.links.set(name, memberName(header.linkname ?? '', 'archive hardlink target'));
        return;
      default:
        throw invalidArgument(`archive member ${printable(header.name)} is a ${header.type}: an image archive holds only files, directories and links`);
    }
    if (INDEX_FILES.has(name)) {
      if (header.size > INDEX_FILE_MAX_BYTES) throw invalidArgument(`archive member ${name} is ${header.size} bytes; more than an index file can be`);
      const chunks: Buffer[] = [];
      for await (const chunk of data) chunks.push(chunk as Buffer);
      this.indexFiles.set(name, Buffer.concat(chunks));
      return;
    }
    const blobName = BLOB_MEMBER.exec(name);
    const blob = await ingestStream(this.content, this.lease, data);
    if (blobName && blob.digest !== `sha256:${blobName[1]}`) {
      throw invalidArgument(`archive member ${name} holds content with digest ${blob.digest}: the archive is corrupt`);
    }
    this.files.set(name, blob);
    onFile(name, blob);
  }

  indexFile(name: string): Buffer | undefined {
    return this.indexFiles.get(name);
  }

  /** The stored blob a path names (following the archive's links), or INVALID_ARGUMENT. */
  file(reference: string, from: string): BlobInfo {
    let parts = memberName(reference, `path in ${from}`).split('/');
    let hops = 0;
    for (let i = 1; i <= parts.length; i++) {
      const target = this.links.get(parts.slice(0, i).join('/'));
      if (target === undefined) continue;
      if (++hops > MAX_LINKS) throw invalidArgument(`${from} names ${printable(reference)}: too many levels of links`);
      parts = [...(target === '' ? [] : target.split('/')), ...parts.slice(i)];
      i = 0;
    }
    const blob = this.files.get(parts.join('/'));
    if (!blob) throw invalidArgument(`${from} names ${printable(reference)}, which the archive does not hold`);
    return blob;
  }

  /** Whether the archive holds a file with these bytes. */
  hasBlob(digest: string): boolean {
    for (const blob of this.files.values()) if (blob.digest === digest) return true;
    return false;
  }
}
