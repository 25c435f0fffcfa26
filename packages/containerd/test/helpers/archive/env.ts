// A containerd's storage for the archive tests, under one temporary directory: content store,
// leases, images, the overlay snapshotter and container records; images put straight into the
// content store; trees read back from snapshots; and cleanup that unmounts anything left mounted
// under the test's directories before removing them.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { LeaseManager } from '../../../src/content/leases';
import { ContentStore } from '../../../src/content/store';
import { ContainerStore } from '../../../src/core/container-store';
import { ContainersCore } from '../../../src/core/containers';
import { EventBus } from '../../../src/core/event-bus';
import { ImageStore } from '../../../src/images/store';
import { resolveImage } from '../../../src/images/resolve';
import { unmount } from '../../../src/snapshots/mount';
import { OverlaySnapshotter } from '../../../src/snapshots/overlay';
import { withLease } from '../../../src/transfer/archive-content';
import { unpackImage } from '../../../src/transfer/archive-unpack';
import { Fixtures, readTree } from '../images/fixtures';
import { type Blob, type ManifestFormat, type TestImage, buildImage } from '../registry/image';
import { makeRootfs } from '../../../../shim/test/helpers/bundle';

export const NS = 'default';

export class ArchiveEnv {
  readonly content: ContentStore;
  readonly leases: LeaseManager;
  readonly images: ImageStore;
  readonly snapshotter: OverlaySnapshotter;
  readonly containers: ContainersCore;

  private constructor(
    readonly fx: Fixtures,
    readonly root: string,
  ) {
    this.content = new ContentStore(path.join(root, 'content'));
    this.leases = new LeaseManager(path.join(root, 'leases'));
    const bus = new EventBus();
    this.images = new ImageStore(path.join(root, 'metadata', 'images'), bus);
    this.snapshotter = new OverlaySnapshotter(path.join(root, 'snapshots', 'overlayfs'));
    this.containers = new ContainersCore(new ContainerStore(path.join(root, 'metadata', 'containers')), bus);
  }

  static async create(fx: Fixtures): Promise<ArchiveEnv> {
    const env = new ArchiveEnv(fx, fx.tempDir('skiff-archive-'));
    await env.content.open();
    await env.leases.open();
    await env.snapshotter.open();
    return env;
  }

  get deps() {
    return { content: this.content, leases: this.leases, images: this.images, snapshotter: this.snapshotter, containers: this.containers, tempDir: this.root };
  }

  async putBlob(blob: Blob): Promise<void> {
    if (await this.content.info(blob.descriptor.digest).then(() => true, () => false)) return;
    const w = await this.content.writer(`test-${blob.descriptor.digest}`);
    await w.write(blob.bytes);
    await w.commit(blob.descriptor.digest, blob.bytes.length);
  }

  /** A built image, stored and named. */
  async addImage(name: string, opts: Parameters<typeof buildImage>[0] = {}): Promise<TestImage> {
    const image = await buildImage(opts);
    for (const b of [...image.blobs, image.manifest]) await this.putBlob(b);
    this.images.upsert(NS, { name, labels: {}, target: image.manifest.descriptor });
    return image;
  }

  async resolve(name: string) {
    return resolveImage(this.content, this.images.get(NS, name).target);
  }

  /** Unpacks a stored image; returns its top chain id. */
  async unpack(name: string): Promise<string> {
    const resolved = await this.resolve(name);
    return withLease(this.leases, 'test-unpack', (lease) => unpackImage(this, lease, resolved));
  }

  /** A container record whose rootfs is a new active snapshot on top of the image. */
  async container(id: string, image: string): Promise<{ key: string; upper: string; mounts: Awaited<ReturnType<OverlaySnapshotter['prepare']>> }> {
    const parent = await this.unpack(image);
    const key = `${id}-rootfs`;
    const mounts = await this.snapshotter.prepare(key, parent);
    this.containers.create(NS, {
      id,
      labels: {},
      image,
      runtime: { name: 'builtin', options: null, shimGroup: '' },
      spec: '',
      snapshotter: 'overlayfs',
      snapshotKey: key,
      extensions: {},
    });
    const upper = mounts[0]!.options.find((o) => o.startsWith('upperdir='))!.slice('upperdir='.length);
    return { key, upper, mounts };
  }

  /** The files of a committed snapshot, through a temporary read-only view. */
  async snapshotTree(chainId: string): Promise<Record<string, string>> {
    const key = `view-${Math.random().toString(16).slice(2)}`;
    const mounts = await this.snapshotter.view(key, chainId);
    const target = await this.fx.mount(mounts);
    try {
      return readTree(target);
    } finally {
      await this.fx.unmount(target);
      await this.snapshotter.remove(key);
    }
  }
}

/** Unmounts whatever is still mounted under dir (deepest first): for cleanup after a failure. */
export async function unmountUnder(dir: string): Promise<void> {
  const points = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined && (p === dir || p.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
  for (const p of points) await unmount(p).catch(() => undefined);
}

export function mountedUnder(dir: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined && p.startsWith(`${dir}/`));
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export function streamOf(buf: Buffer, size = 64 * 1024): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

/** Extracts a tar with the system's tar (as a user of an archive would). */
export function untar(buf: Buffer, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-f', '-', '-C', dir], { input: buf, maxBuffer: 1 << 30 });
}

export function tarDir(dir: string, members = ['.']): Buffer {
  return execFileSync('tar', ['--numeric-owner', '-c', '-f', '-', '-C', dir, ...members], { maxBuffer: 1 << 30 });
}

/** A busybox root filesystem (the host's static busybox and its applet links) as a tar. */
export function busyboxRootfsTar(fx: Fixtures): Buffer {
  const dir = fx.tempDir('skiff-busybox-');
  makeRootfs(dir);
  return tarDir(dir);
}

export function have(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const isRoot = process.getuid?.() === 0;
export { Fixtures, buildImage, type ManifestFormat, type TestImage };
