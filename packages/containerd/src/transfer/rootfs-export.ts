// `docker export`: a container's whole filesystem as a tar stream. The container's active snapshot
// is mounted read-only on a private temporary directory: an overlay of its upper dir and its
// parents, all as lower layers (so the container, which may be running with the same upper dir
// mounted writable, is never written to, and overlay needs no work dir), or a read-only bind of a
// snapshot without parents. The mount goes away when the stream ends, fails or is destroyed.
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import type { ContainersCore } from '../core/containers';
import { exportRootfs } from '../diff/diff';
import { mountAll, unmount } from '../snapshots/mount';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import type { Mount } from '../snapshots/types';

export interface ExportRootfsDeps {
  containers: ContainersCore;
  snapshotter: OverlaySnapshotter;
  /** Where the temporary mount point is made; default the system's temporary directory. */
  tempDir?: string;
}

export interface RootfsExport {
  stream: Readable;
  /** Settles once the stream is over and the mount is gone; rejects if cleaning up failed. */
  closed: Promise<void>;
}

/** The snapshot a container's filesystem lives in, checked to be one this snapshotter holds. */
export function containerSnapshot(containers: ContainersCore, namespace: string, containerId: string): string {
  const container = containers.get(namespace, containerId);
  if (container.snapshotter !== '' && container.snapshotter !== 'overlayfs') {
    throw invalidArgument(`container "${containerId}" uses snapshotter "${container.snapshotter}"; only overlayfs is available`);
  }
  if (container.snapshotKey === '') throw failedPrecondition(`container "${containerId}" has no root filesystem snapshot`);
  return container.snapshotKey;
}

/** The same tree as an active snapshot's mounts, but read-only and without touching its upper dir. */
export function readOnlyMounts(mounts: Mount[]): Mount[] {
  return mounts.map((m) => {
    if (m.type !== 'overlay') return { ...m, options: [...m.options.filter((o) => o !== 'rw'), 'ro'] };
    const upper = m.options.find((o) => o.startsWith('upperdir='))?.slice('upperdir='.length);
    if (upper === undefined) return m;
    const lower = m.options.find((o) => o.startsWith('lowerdir='))?.slice('lowerdir='.length);
    const others = m.options.filter((o) => !/^(upperdir|workdir|lowerdir)=/.test(o) && o !== 'rw');
    return { ...m, options: [...others, 'ro', `lowerdir=${lower ? `${upper}:${lower}` : upper}`] };
  });
}

export async function exportContainerRootfs(deps: ExportRootfsDeps, namespace: string, containerId: string): Promise<RootfsExport> {
  const key = containerSnapshot(deps.containers, namespace, containerId);
  const mounts = readOnlyMounts(await deps.snapshotter.mounts(key));
  const dir = await fsp.mkdtemp(path.join(deps.tempDir ?? os.tmpdir(), 'skiff-export-'));
  const target = path.join(dir, 'rootfs');
  // Never removed recursively: if unmounting failed, that would delete the container's files.
  const removeDirs = async () => {
    await fsp.rmdir(target).catch(() => undefined);
    await fsp.rmdir(dir);
  };
  try {
    await fsp.mkdir(target);
    await mountAll(mounts, target);
  } catch (err) {
    await removeDirs();
    throw err;
  }
  const tar = exportRootfs(target);
  // The reader gets its own stream: tearing down exportRootfs's stream in the middle of a file
  // makes it emit an error nobody listens to, so a reader that goes away is cut off here and the
  // rest of the tar is drained into nothing before the mount goes.
  const output = new PassThrough();
  tar.stream.on('data', (chunk: Buffer) => {
    if (!output.destroyed && !output.write(chunk)) tar.stream.pause();
  });
  output.on('drain', () => tar.stream.resume());
  output.on('close', () => tar.stream.resume());
  tar.stream.on('end', () => output.end());
  tar.stream.on('error', (err) => output.destroy(err));
  const closed = tar.result.then(
    () => undefined,
    () => undefined,
  ).then(async () => {
    await unmount(target);
    await removeDirs();
  });
  closed.catch(() => undefined);
  return { stream: output, closed };
}
