// The host's device nodes, which dockerd gives a privileged container (moby's HostDevices):
// every character and block device under /dev, except the directories the container gets its
// own of (pts, shm, mqueue...) and the console.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LinuxDevice } from '@skiff/oci-spec';

const SKIPPED_DIRS = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']);

/** Linux's new_encode_dev split back: 12 bits of major, 20 of minor. */
function majorMinor(rdev: number): { major: number; minor: number } {
  return { major: Math.floor(rdev / 256) & 0xfff, minor: (rdev & 0xff) | (Math.floor(rdev / 4096) & 0xfff00) };
}

export function hostDevices(dir = '/dev'): LinuxDevice[] {
  const out: LinuxDevice[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) out.push(...hostDevices(p));
      continue;
    }
    if (p === '/dev/console' || !(e.isCharacterDevice() || e.isBlockDevice())) continue;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      continue;
    }
    out.push({ path: p, type: e.isBlockDevice() ? 'b' : 'c', ...majorMinor(st.rdev), fileMode: st.mode & 0o777, uid: st.uid, gid: st.gid });
  }
  return out;
}
