import { MS } from '../sys/constants';

export interface ParsedMountOptions {
  /** Flags for the mount call itself. */
  flags: number;
  /** Flags that are cleared by an option (e.g. "rw", "suid"); matters for remounts of binds. */
  clearedFlags: number;
  /** Propagation changes applied after the mount, each its own mount call. */
  propagation: number[];
  bind: boolean;
  recursive: boolean;
  /** Options the kernel takes as filesystem data (size=, mode=, newinstance...). */
  data: string[];
}

const setters: Record<string, number> = {
  ro: MS.RDONLY,
  nosuid: MS.NOSUID,
  nodev: MS.NODEV,
  noexec: MS.NOEXEC,
  sync: MS.SYNCHRONOUS,
  remount: MS.REMOUNT,
  mand: MS.MANDLOCK,
  dirsync: MS.DIRSYNC,
  noatime: MS.NOATIME,
  nodiratime: MS.NODIRATIME,
  relatime: MS.RELATIME,
  strictatime: MS.STRICTATIME,
  lazytime: MS.LAZYTIME,
  nosymfollow: MS.NOSYMFOLLOW,
  silent: MS.SILENT,
};

const clearers: Record<string, number> = {
  rw: MS.RDONLY,
  suid: MS.NOSUID,
  dev: MS.NODEV,
  exec: MS.NOEXEC,
  async: MS.SYNCHRONOUS,
  nomand: MS.MANDLOCK,
  atime: MS.NOATIME,
  diratime: MS.NODIRATIME,
  norelatime: MS.RELATIME,
  nostrictatime: MS.STRICTATIME,
  nolazytime: MS.LAZYTIME,
  symfollow: MS.NOSYMFOLLOW,
  loud: MS.SILENT,
};

const propagations: Record<string, number> = {
  private: MS.PRIVATE,
  rprivate: MS.PRIVATE | MS.REC,
  shared: MS.SHARED,
  rshared: MS.SHARED | MS.REC,
  slave: MS.SLAVE,
  rslave: MS.SLAVE | MS.REC,
  unbindable: MS.UNBINDABLE,
  runbindable: MS.UNBINDABLE | MS.REC,
};

/** OCI mount options as runc reads them: flags, propagation, bind-ness, and the rest as data. */
export function parseMountOptions(options: readonly string[] | undefined, type?: string): ParsedMountOptions {
  const parsed: ParsedMountOptions = {
    flags: 0,
    clearedFlags: 0,
    propagation: [],
    bind: type === 'bind',
    recursive: false,
    data: [],
  };
  for (const option of options ?? []) {
    if (option === 'bind') {
      parsed.bind = true;
    } else if (option === 'rbind') {
      parsed.bind = true;
      parsed.recursive = true;
    } else if (option in setters) {
      parsed.flags |= setters[option]!;
      parsed.clearedFlags &= ~setters[option]!;
    } else if (option in clearers) {
      parsed.flags &= ~clearers[option]!;
      parsed.clearedFlags |= clearers[option]!;
    } else if (option in propagations) {
      parsed.propagation.push(propagations[option]!);
    } else if (option === 'defaults' || option === 'tmpcopyup' || option === 'idmap' || option === 'ridmap') {
      // defaults is a no-op; tmpcopyup is an extension runc also ignores; idmapped mounts are
      // refused earlier by the planner with a clear message.
    } else {
      parsed.data.push(option);
    }
  }
  return parsed;
}

/** rootfsPropagation to the flags for the mount(NULL, "/") call; runc defaults to rslave. */
export function rootPropagationFlags(value: string | undefined): number {
  if (!value) return MS.SLAVE | MS.REC;
  const flags = propagations[value];
  if (flags === undefined) throw new Error(`invalid rootfsPropagation ${JSON.stringify(value)}`);
  return flags;
}
