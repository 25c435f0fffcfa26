import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSpec } from '@skiff/oci-spec';
import type { RuntimeConfig } from '@skiff/oci-spec';

let applets: string[] | undefined;

/** A rootfs made of the host's static busybox: small, and needs no network or registry. */
export function makeRootfs(dir: string): void {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  for (const d of ['proc', 'sys', 'dev', 'tmp', 'etc', 'root']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(dir, 'bin/busybox'));
  fs.chmodSync(path.join(dir, 'bin/busybox'), 0o755);
  applets ??= spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const applet of applets) {
    if (applet !== 'busybox') fs.symlinkSync('busybox', path.join(dir, 'bin', applet));
  }
  fs.writeFileSync(path.join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  fs.writeFileSync(path.join(dir, 'etc/group'), 'root:x:0:\n');
}

/** An OCI bundle in dir running args (runc's default spec, no terminal). */
export function makeBundle(dir: string, args: string[], mutate?: (config: RuntimeConfig) => void): string {
  makeRootfs(path.join(dir, 'rootfs'));
  const config = defaultSpec();
  config.process!.terminal = false;
  config.process!.args = args;
  config.root = { path: 'rootfs', readonly: false };
  mutate?.(config);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  return dir;
}
