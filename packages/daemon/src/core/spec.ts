// The OCI runtime spec of a Docker container: runc's default spec adjusted as dockerd adjusts
// it (Docker's default capabilities, environment, hostname, no no_new_privileges) for the
// options of this slice.
import * as path from 'node:path';
import { defaultSpec, type Process, type RuntimeConfig } from '@skiff/oci-spec';
import type { ContainerRecord } from '../store/record';
import { applyHostConfig, applyProcessHostConfig, DOCKER_CAPABILITIES } from './hostconfig';
import { numericUser } from './hostconfig-user';
import { specMounts } from './mounts';
import { containerSeccomp } from './seccomp';

export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Later entries replace earlier ones with the same variable name, in place. */
export function mergeEnv(...lists: string[][]): string[] {
  const out: string[] = [];
  const index = new Map<string, number>();
  for (const list of lists) {
    for (const entry of list) {
      const key = entry.includes('=') ? entry.slice(0, entry.indexOf('=')) : entry;
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, out.length);
        out.push(entry);
      } else out[at] = entry;
    }
  }
  return out;
}

/** The spec with its namespace of that type joined at a path (a /proc/<pid>/ns file) instead of a new one. */
export function joinNamespace(spec: RuntimeConfig, type: 'pid' | 'ipc', nsPath: string): RuntimeConfig {
  const linux = spec.linux ?? {};
  return { ...spec, linux: { ...linux, namespaces: [...(linux.namespaces ?? []).filter((ns) => ns.type !== type), { type, path: nsPath }] } };
}

/**
 * The process of a container's init, which is also the base of every process exec'd into it
 * (dockerd gives those the container's capabilities, limits and environment).
 */
export function buildProcess(record: ContainerRecord): Process {
  const config = record.Config;
  const proc = defaultSpec().process!;
  proc.terminal = config.Tty;
  proc.args = [record.Path, ...record.Args];
  proc.env = mergeEnv([DEFAULT_PATH, `HOSTNAME=${config.Hostname}`], config.Tty ? ['TERM=xterm'] : [], config.Env);
  proc.cwd = config.WorkingDir || '/';
  proc.user = { ...(record.ProcessUser ?? numericUser(config.User, record.HostConfig.GroupAdd)) };
  proc.capabilities = { bounding: [...DOCKER_CAPABILITIES], effective: [...DOCKER_CAPABILITIES], permitted: [...DOCKER_CAPABILITIES] };
  proc.noNewPrivileges = false;
  applyProcessHostConfig(proc, record.HostConfig);
  return proc;
}

/**
 * The spec of a container. `defaultCgroupParent` (the daemon's --cgroup-parent) applies when the
 * container names no parent of its own.
 */
export function buildSpec(record: ContainerRecord, { defaultCgroupParent }: { defaultCgroupParent?: string } = {}): RuntimeConfig {
  const spec = defaultSpec();
  const proc = buildProcess(record);
  spec.process = proc;
  spec.hostname = record.Config.Hostname;
  spec.root = { path: 'rootfs', readonly: false };
  applyHostConfig(spec, record.HostConfig);
  const seccomp = containerSeccomp(record.HostConfig, proc.capabilities?.bounding ?? []);
  if (seccomp) spec.linux!.seccomp = seccomp;
  spec.mounts = specMounts(spec.mounts ?? [], record.MountPoints, record.HostConfig.Tmpfs);
  // Under the given parent, named after the container as dockerd's cgroupfs driver does; unset,
  // the runtime's default (a cgroup named after the container, under the runtime's own).
  const cgroupParent = record.HostConfig.CgroupParent || defaultCgroupParent;
  if (cgroupParent) spec.linux!.cgroupsPath = path.posix.join(cgroupParent, record.Id);
  if (record.HostConfig.NetworkMode === 'host') {
    spec.linux!.namespaces = spec.linux!.namespaces!.filter((ns) => ns.type !== 'network');
  }
  return spec;
}
