// Host device nodes in a container's spec: every one for a privileged container, as dockerd gives
// it (every character and block device under /dev, except the directories the container gets its
// own of, pts, shm, mqueue..., and the console), and the ones `--device` names, with their cgroup
// rules, as dockerd resolves them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEVICE_CGROUP_RULE, type DeviceMappingSchema } from '@skiff/engine-api';
import { invalidArgument } from '@skiff/errors';
import type { LinuxDevice, LinuxDeviceCgroup } from '@skiff/oci-spec';
import type { z } from 'zod';

const SKIPPED_DIRS = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']);

/**
 * The numbers of the device at a path (through symlinks), for a blkio throttle: dockerd stats the
 * path the same way and takes whatever numbers it finds.
 */
export function deviceNumbers(devicePath: string): { major: number; minor: number } {
  let st: fs.Stats;
  try {
    st = fs.statSync(devicePath);
  } catch (err) {
    throw invalidArgument(`stat ${devicePath}: ${errnoText(err)}`);
  }
  return majorMinor(st.rdev);
}

/** Linux's new_encode_dev split back: 12 bits of major, 20 of minor. */
function majorMinor(rdev: number): { major: number; minor: number } {
  return { major: Math.floor(rdev / 256) & 0xfff, minor: (rdev & 0xff) | (Math.floor(rdev / 4096) & 0xfff00) };
}

/**
 * The device nodes below `dir`, depth first in name order, each at `mapTo(its host path)`;
 * `skip` says which directories (by name) and nodes (by path) to leave out.
 */
function nodesBelow(dir: string, mapTo: (file: string) => string, skip: (name: string, file: string) => boolean = () => false): LinuxDevice[] {
  const out: LinuxDevice[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, e.name);
    if (skip(e.name, file)) continue;
    if (e.isDirectory()) out.push(...nodesBelow(file, mapTo, skip));
    else {
      const node = deviceNode(file, mapTo(file));
      if (node) out.push(node);
    }
  }
  return out;
}

export function hostDevices(dir = '/dev'): LinuxDevice[] {
  return nodesBelow(dir, (file) => file, (name, file) => SKIPPED_DIRS.has(name) || file === '/dev/console');
}

/** The device node at `file` (links not followed), as the spec names it at `inContainer`; undefined if not a device. */
function deviceNode(file: string, inContainer: string): LinuxDevice | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (!st.isCharacterDevice() && !st.isBlockDevice()) return undefined;
  return { path: inContainer, type: st.isBlockDevice() ? 'b' : 'c', ...majorMinor(st.rdev), fileMode: st.mode & 0o777, uid: st.uid, gid: st.gid };
}

/** Node's error code as Go's syscall errors print it ("no such file or directory"). */
function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const known: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', ENOTDIR: 'not a directory', ELOOP: 'too many levels of symbolic links' };
  return (code && known[code]) || (err as Error).message;
}

/**
 * One `--device`: the node it names (a symlink is followed), or every device node below a
 * directory (each at the same place under the container's path), each with a cgroup rule
 * allowing what its permissions say. Bad ones get dockerd's message.
 */
export function customDevices(mapping: z.output<typeof DeviceMappingSchema>): { devices: LinuxDevice[]; rules: LinuxDeviceCgroup[] } {
  const access = mapping.CgroupPermissions || 'rwm';
  const inContainer = mapping.PathInContainer || mapping.PathOnHost;
  const refuse = (why: string) => invalidArgument(`error gathering device information while adding custom device "${mapping.PathOnHost}": ${why}`);
  let host = mapping.PathOnHost;
  try {
    if (fs.lstatSync(host).isSymbolicLink()) host = fs.realpathSync(host);
  } catch (err) {
    throw refuse(errnoText(err));
  }
  const single = deviceNode(host, inContainer);
  const found = single
    ? [single]
    : fs.statSync(host, { throwIfNoEntry: false })?.isDirectory()
      ? nodesBelow(host, (file) => path.join(inContainer, path.relative(host, file)))
      : [];
  if (found.length === 0) throw refuse('not a device node');
  const rules = found.map((d): LinuxDeviceCgroup => ({ allow: true, type: d.type, major: d.major!, minor: d.minor!, access }));
  return { devices: found, rules };
}

/** `--device-cgroup-rule "c 1:3 rwm"`: an allow rule; `*` leaves the number out (any). */
export function deviceCgroupRule(rule: string): LinuxDeviceCgroup {
  const m = DEVICE_CGROUP_RULE.exec(rule);
  if (!m) throw invalidArgument(`invalid device cgroup rule format: '${rule}'`);
  const [, type, major, minor, access] = m as unknown as [string, string, string, string, string];
  return { allow: true, type, ...(major !== '*' ? { major: Number(major) } : {}), ...(minor !== '*' ? { minor: Number(minor) } : {}), access };
}
