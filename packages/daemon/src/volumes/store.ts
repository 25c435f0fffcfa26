// Docker's "local" volumes: one directory per volume under <data-root>/volumes, the data in
// <name>/_data and the metadata beside it in <name>/volume.json (written atomically), so a
// restarted skiffd finds them again. Which containers use a volume is asked of the caller: the
// container records are the only truth about that.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { conflict, invalidArgument, notFound } from '@skiff/errors';
import { checkLocalOptions, mountVolume, unmountVolume } from './local-mount';

/** The label dockerd (API 1.42+) puts on the volumes it creates for a container on its own. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const META_FILE = 'volume.json';

export const VolumeMetaSchema = z.object({
  Name: z.string(),
  Driver: z.literal('local'),
  CreatedAt: z.string(),
  Labels: z.record(z.string(), z.string()).nullable(),
  Options: z.record(z.string(), z.string()).nullable(),
});
export type VolumeMeta = z.infer<typeof VolumeMetaSchema>;

/** A volume as the Engine API shows it (GET /volumes/{name}). */
export interface VolumeView extends VolumeMeta {
  Mountpoint: string;
  Scope: 'local';
}

export interface CreateVolumeOptions {
  Name?: string | undefined;
  Driver?: string | undefined;
  DriverOpts?: Record<string, string> | null | undefined;
  Labels?: Record<string, string> | null | undefined;
}

export function checkVolumeName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw invalidArgument(`create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
  }
}

export class VolumeStore {
  private readonly volumes = new Map<string, VolumeMeta>();

  /** usedBy: the ids of the containers (any state) whose mounts name the volume. */
  constructor(
    readonly root: string,
    private readonly usedBy: (name: string) => string[],
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o701 });
    for (const entry of fs.readdirSync(root)) {
      try {
        const meta = VolumeMetaSchema.parse(JSON.parse(fs.readFileSync(path.join(root, entry, META_FILE), 'utf8')));
        if (meta.Name === entry) this.volumes.set(entry, meta);
      } catch {
        // A directory without readable metadata is not a volume of ours (or a create that died).
      }
    }
  }

  mountpoint(name: string): string {
    return path.join(this.root, name, '_data');
  }

  /** Creating a name that exists returns the existing volume, as dockerd does. */
  create(opts: CreateVolumeOptions): { volume: VolumeView; created: boolean } {
    const driver = opts.Driver || 'local';
    if (driver !== 'local') throw notFound(`error looking up volume plugin ${driver}: plugin "${driver}" not found`);
    const name = opts.Name || crypto.randomBytes(32).toString('hex');
    checkVolumeName(name);
    checkLocalOptions(opts.DriverOpts);
    const existing = this.volumes.get(name);
    if (existing) return { volume: this.view(existing), created: false };
    const meta: VolumeMeta = {
      Name: name,
      Driver: 'local',
      CreatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      Labels: opts.Labels ?? null,
      Options: opts.DriverOpts ?? null,
    };
    const dir = path.join(this.root, name);
    fs.mkdirSync(path.join(dir, '_data'), { recursive: true, mode: 0o755 });
    const file = path.join(dir, META_FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(meta));
    fs.renameSync(`${file}.tmp`, file);
    this.volumes.set(name, meta);
    return { volume: this.view(meta), created: true };
  }

  get(name: string): VolumeView {
    const meta = this.volumes.get(name);
    if (!meta) throw notFound(`get ${name}: no such volume`);
    return this.view(meta);
  }

  has(name: string): boolean {
    return this.volumes.has(name);
  }

  list(): VolumeView[] {
    return [...this.volumes.values()].map((m) => this.view(m));
  }

  inUse(name: string): boolean {
    return this.usedBy(name).length > 0;
  }

  /** force only lets a missing volume pass quietly; a volume in use is never removed (dockerd). */
  remove(name: string, opts: { force?: boolean } = {}): void {
    if (!this.volumes.has(name)) {
      if (opts.force) return;
      throw notFound(`get ${name}: no such volume`);
    }
    const users = this.usedBy(name);
    if (users.length > 0) throw conflict(`remove ${name}: volume is in use - [${users.join(', ')}]`);
    unmountVolume(this.mountpoint(name));
    fs.rmSync(path.join(this.root, name, META_FILE), { force: true });
    this.volumes.delete(name);
    fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
  }

  /** A volume with type/device options gets its filesystem mounted before a container uses it. */
  mount(name: string): void {
    const meta = this.volumes.get(name);
    if (meta) mountVolume(this.mountpoint(name), meta.Options);
  }

  /** `docker system df`'s UsageData. */
  usage(name: string): { Size: number; RefCount: number } {
    return { Size: this.size(name), RefCount: this.usedBy(name).length };
  }

  /** Bytes under the volume's data (for prune's SpaceReclaimed). */
  size(name: string): number {
    return du(this.mountpoint(name));
  }

  private view(meta: VolumeMeta): VolumeView {
    return { CreatedAt: meta.CreatedAt, Driver: meta.Driver, Labels: meta.Labels, Mountpoint: this.mountpoint(meta.Name), Name: meta.Name, Options: meta.Options, Scope: 'local' };
  }
}

function du(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const entry of fs.readdirSync(p)) total += du(path.join(p, entry));
  return total;
}
