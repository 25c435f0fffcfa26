// Archives against real tools: what we save, skopeo and umoci read; what skopeo writes (an OCI
// layout, a docker-archive with uncompressed layers and legacy links), we load. No network: every
// image is made here.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportArchive } from '../../src/transfer/archive-export';
import { importArchive } from '../../src/transfer/archive-import';
import { ArchiveEnv, Fixtures, NS, have, isRoot, readAll, streamOf, tarDir, unmountUnder, untar } from '../helpers/archive/env';

jest.setTimeout(300_000);

const tools = have('skopeo') && have('umoci');
const maybe = tools ? test : test.skip;

const fx = new Fixtures();
const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await unmountUnder(r);
  await fx.cleanup();
});

async function env(): Promise<ArchiveEnv> {
  const e = await ArchiveEnv.create(fx);
  roots.push(e.root);
  return e;
}

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

const skopeo = (...args: string[]) => run('skopeo', ['--insecure-policy', ...args]);
const files = { 'etc/hello': 'hello from skiff\n', 'bin/tool': '#!/bin/sh\necho hi\n' };

/** An OCI layout directory of a saved OCI-typed image, tagged "latest". */
async function savedLayout(): Promise<{ dir: string; manifestDigest: string; configDigest: string }> {
  const src = await env();
  const image = await src.addImage('docker.io/library/interop:latest', { format: 'oci', files });
  const archive = await readAll(await exportArchive(src.deps, NS, { names: ['interop:latest'], format: 'oci' }));
  const dir = path.join(fx.tempDir('skiff-layout-'), 'layout');
  untar(archive, dir);
  return { dir, manifestDigest: image.manifest.descriptor.digest, configDigest: image.config.descriptor.digest };
}

maybe('skopeo inspects an exported OCI layout by its ref name', async () => {
  const { dir, manifestDigest, configDigest } = await savedLayout();
  const info = JSON.parse(skopeo('inspect', `oci:${dir}:latest`));
  expect(info.Digest).toBe(manifestDigest);
  expect(info.Layers).toHaveLength(1);
  const config = JSON.parse(skopeo('inspect', '--config', `oci:${dir}:latest`));
  expect(config.rootfs.diff_ids).toHaveLength(1);
  expect(JSON.parse(skopeo('inspect', '--raw', `oci:${dir}:latest`)).config.digest).toBe(configDigest);
});

maybe('umoci lists and unpacks an exported OCI layout', async () => {
  const { dir } = await savedLayout();
  expect(run('umoci', ['ls', '--layout', dir]).split('\n')).toContain('latest');
  const bundle = path.join(fx.tempDir('skiff-bundle-'), 'bundle');
  run('umoci', ['unpack', ...(isRoot ? [] : ['--rootless']), '--image', `${dir}:latest`, bundle]);
  expect(fs.readFileSync(path.join(bundle, 'rootfs/etc/hello'), 'utf8')).toBe('hello from skiff\n');
});

maybe('skopeo reads an exported docker-archive', async () => {
  const src = await env();
  const image = await src.addImage('docker.io/library/interop:latest', { format: 'docker', files });
  const archive = await readAll(await exportArchive(src.deps, NS, { names: ['interop:latest'] }));
  const file = path.join(fx.tempDir('skiff-da-'), 'image.tar');
  fs.writeFileSync(file, archive);
  const config = JSON.parse(skopeo('inspect', '--config', `docker-archive:${file}`));
  expect(config.rootfs.diff_ids).toEqual(JSON.parse(image.config.bytes.toString()).rootfs.diff_ids);
});

maybe('an OCI layout written by skopeo loads, named from default_name and its ref name', async () => {
  const { dir, configDigest } = await savedLayout();
  const copy = path.join(fx.tempDir('skiff-copy-'), 'copy');
  skopeo('copy', `oci:${dir}:latest`, `oci:${copy}:copied`);
  const dst = await env();
  const [unnamed] = await importArchive(dst.deps, NS, streamOf(tarDir(copy)), {});
  expect(unnamed!.name).toMatch(/^sha256:[a-f0-9]{64}$/);
  const [named] = await importArchive(dst.deps, NS, streamOf(tarDir(copy)), { defaultName: 'busybox', unpack: isRoot });
  expect(named!.name).toBe('docker.io/library/busybox:copied');
  const resolved = await dst.resolve('docker.io/library/busybox:copied');
  expect(resolved.manifest.config.digest).toBe(configDigest);
  if (isRoot) expect(await dst.snapshotTree(resolved.chainIds[0]!)).toMatchObject({ 'etc/hello': expect.stringMatching(/hello from skiff\n$/) });
});

maybe('a docker-archive written by skopeo loads with its name and unpacks', async () => {
  const { dir, configDigest } = await savedLayout();
  const file = path.join(fx.tempDir('skiff-da-'), 'busybox.tar');
  skopeo('copy', `oci:${dir}:latest`, `docker-archive:${file}:busybox:latest`);
  const dst = await env();
  const [record] = await importArchive(dst.deps, NS, fs.createReadStream(file), { unpack: isRoot });
  expect(record!.name).toBe('docker.io/library/busybox:latest');
  const resolved = await dst.resolve('docker.io/library/busybox:latest');
  expect(resolved.manifest.config.digest).toBe(configDigest);
  expect(resolved.manifest.layers.every((l) => l.mediaType === 'application/vnd.docker.image.rootfs.diff.tar')).toBe(true);
  if (isRoot) {
    const tree = await dst.snapshotTree(resolved.chainIds[resolved.chainIds.length - 1]!);
    expect(tree['etc/hello']).toMatch(/hello from skiff\n$/);
    expect(tree['bin/tool']).toContain('echo hi');
  }
});
