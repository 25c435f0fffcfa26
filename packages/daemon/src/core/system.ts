// Facts about this host and daemon for /info and /version: gathered once (they do not change
// while skiffd runs) except the container and image counts.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface HostFacts {
  id: string;
  name: string;
  kernelVersion: string;
  operatingSystem: string;
  osVersion: string;
  /** Go-style names, as Docker reports them (x86_64 for Architecture, amd64 for Arch). */
  architecture: string;
  arch: string;
  ncpu: number;
  memTotal: number;
  cgroupVersion: '1' | '2';
}

function osRelease(): Record<string, string> {
  try {
    const out: Record<string, string> = {};
    for (const line of fs.readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
    }
    return out;
  } catch {
    return {};
  }
}

/** cgroup v2 when /sys/fs/cgroup is the unified hierarchy (it has cgroup.controllers). */
export function cgroupVersion(root = '/sys/fs/cgroup'): '1' | '2' {
  return fs.existsSync(path.join(root, 'cgroup.controllers')) ? '2' : '1';
}

/**
 * The engine id: random once, then kept under the data root, so `docker info` shows the same
 * ID across restarts as dockerd's does.
 */
function engineId(dataRoot: string): string {
  const file = path.join(dataRoot, 'engine-id');
  try {
    const id = fs.readFileSync(file, 'utf8').trim();
    if (id) return id;
  } catch {
    // First start.
  }
  const id = randomUUID();
  fs.mkdirSync(dataRoot, { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${id}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return id;
}

export function hostFacts(dataRoot: string): HostFacts {
  const rel = osRelease();
  const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
  return {
    id: engineId(dataRoot),
    name: os.hostname(),
    kernelVersion: os.release(),
    operatingSystem: rel.PRETTY_NAME ?? 'Linux',
    osVersion: rel.VERSION_ID ?? '',
    architecture: os.machine(),
    arch: goArch[process.arch] ?? process.arch,
    ncpu: os.availableParallelism(),
    memTotal: os.totalmem(),
    cgroupVersion: cgroupVersion(),
  };
}
