import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { makeRootfs } from '../helpers/bundle';
import type { PrivateDockerd } from './docker-daemon';

/**
 * An image with no registry involved: the host's static busybox, a link per applet and an
 * /etc/passwd, tarred and given to `docker import`.
 */
export function importBusyboxImage(dockerd: PrivateDockerd, tag: string): void {
  const rootfs = path.join(dockerd.dir, 'image-rootfs');
  makeRootfs(rootfs);
  const tarball = path.join(dockerd.dir, 'busybox.tar');
  const tar = spawnSync('tar', ['-C', rootfs, '-cf', tarball, '.'], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`tar exited ${tar.status}: ${tar.stderr}`);
  dockerd.ok(['import', tarball, tag]);
}
