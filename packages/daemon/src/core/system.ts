// Facts about this host and daemon for /info and /version: gathered once (they do not change
// while skiffd runs) except the container and image counts.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { hostArchitecture } from '@skiff/engine-api';
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

/** Real-time group scheduling: cgroup v1's cpu.rt_runtime_us (cgroup v2 has none), as dockerd's sysinfo. */
export function cpuRealtimeSupport(root = '/sys/fs/cgroup'): boolean {
  return cgroupVersion(root) === '1' && fs.existsSync(path.join(root, 'cpu', 'cpu.rt_runtime_us'));
}

/**
 * Whether the kernel takes proportional block I/O weights (what dockerd's sysinfo calls
 * BlkioWeight and BlkioWeightDevice): on v1, a weight file in a blkio cgroup, which only a
 * proportional scheduler (CFQ, BFQ since 5.0) provides; on v2, the io controller. Asked only when
 * a container names a weight.
 */
export function blkioWeightSupport(root = '/sys/fs/cgroup'): { weight: boolean; weightDevice: boolean } {
  if (cgroupVersion(root) === '2') {
    let io = false;
    try {
      io = fs.readFileSync(path.join(root, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('io');
    } catch {
      // No controllers file: no io controller either.
    }
    return { weight: io, weightDevice: io };
  }
  const filesIn = (dir: string) => {
    const has = (file: string) => fs.existsSync(path.join(dir, file));
    return { weight: has('blkio.weight') || has('blkio.bfq.weight'), weightDevice: has('blkio.weight_device') || has('blkio.bfq.weight_device') };
  };
  const atRoot = filesIn(path.join(root, 'blkio'));
  if (atRoot.weight && atRoot.weightDevice) return atRoot;
  // BFQ shows its files in every cgroup but the root: a fresh child cgroup tells.
  const probe = path.join(root, 'blkio', `.skiffd-probe-${process.pid}-${Date.now()}`);
  try {
    fs.mkdirSync(probe);
  } catch {
    return atRoot;
  }
  try {
    return filesIn(probe);
  } finally {
    fs.rmdirSync(probe);
  }
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
  return {
    id: engineId(dataRoot),
    name: os.hostname(),
    kernelVersion: os.release(),
    operatingSystem: rel.PRETTY_NAME ?? 'Linux',
    osVersion: rel.VERSION_ID ?? '',
    architecture: os.machine(),
    arch: hostArchitecture(),
    ncpu: os.availableParallelism(),
    memTotal: os.totalmem(),
    cgroupVersion: cgroupVersion(),
  };
}
