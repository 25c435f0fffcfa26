// A container's mounts as dockerd derives them at create: HostConfig.Binds ("src:dst[:mode]"),
// HostConfig.Mounts (bind, volume, tmpfs), HostConfig.VolumesFrom, and anonymous volumes for the
// image's and the request's Volumes. Parsing is pure (every 400 comes before anything exists);
// materializing creates the volumes and the -v host directories. The resulting mount points are
// kept in the record (inspect's Mounts) and turned into OCI mounts at each spec build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { Mount } from '@skiff/oci-spec';
import { MountRequestSchema } from '@skiff/engine-api';
import { invalidArgument } from '@skiff/errors';
import { ANONYMOUS_LABEL, checkVolumeName, type VolumeStore } from '../volumes/store';

export const MountPointSchema = z.object({
  Type: z.enum(['bind', 'volume', 'tmpfs']),
  Name: z.string().optional(),
  Source: z.string(),
  Destination: z.string(),
  Driver: z.string().optional(),
  Mode: z.string(),
  RW: z.boolean(),
  Propagation: z.string(),
  /** A volume made for this container alone: `rm -v` and AutoRemove remove it. */
  Anonymous: z.boolean().optional(),
  /** Set between materializing and the copy of the image's content into an empty volume. */
  CopyUp: z.boolean().optional(),
  TmpfsSize: z.number().int().optional(),
  TmpfsMode: z.number().int().optional(),
});
export type MountPoint = z.infer<typeof MountPointSchema>;

export type MountRequest = z.infer<typeof MountRequestSchema>;

const PROPAGATIONS = ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave'];
const CONSISTENCIES = ['consistent', 'cached', 'delegated'];

/** A mount as asked for, before volumes and directories exist. */
interface Planned {
  point: MountPoint;
  /** -v creates a missing host directory; --mount refuses it. */
  createSource?: boolean;
  volumeLabels?: Record<string, string> | null;
  volumeOptions?: Record<string, string> | null;
  noCopy?: boolean;
}

/** Go's filepath.Clean, as dockerd applies it to both ends of a mount. */
function cleanPath(p: string): string {
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

function checkTarget(spec: string, type: string, target: string): void {
  if (!path.isAbsolute(target)) {
    throw invalidArgument(`invalid volume specification: '${spec}': invalid mount config for type "${type}": invalid mount path: '${target}' mount path must be absolute`);
  }
  if (target === '/') throw invalidArgument(`invalid volume specification: '${spec}': invalid mount config for type "${type}": invalid specification: destination can't be '/'`);
}

/** "ro,z,rshared"... as dockerd's linuxValidMountMode: one of each kind at most. */
function parseMode(mode: string): { rw: boolean; propagation: string; noCopy: boolean } {
  let rw: boolean | undefined;
  let propagation: string | undefined;
  let label = false;
  let consistency = false;
  let noCopy = false;
  for (const o of mode === '' ? [] : mode.split(',')) {
    if (o === 'rw' || o === 'ro') {
      if (rw !== undefined) throw invalidArgument(`invalid mode: ${mode}`);
      rw = o === 'rw';
    } else if (PROPAGATIONS.includes(o)) {
      if (propagation) throw invalidArgument(`invalid mode: ${mode}`);
      propagation = o;
    } else if (o === 'z' || o === 'Z') {
      if (label) throw invalidArgument(`invalid mode: ${mode}`);
      label = true;
    } else if (CONSISTENCIES.includes(o)) {
      if (consistency) throw invalidArgument(`invalid mode: ${mode}`);
      consistency = true;
    } else if (o === 'nocopy') {
      if (noCopy) throw invalidArgument(`invalid mode: ${mode}`);
      noCopy = true;
    } else throw invalidArgument(`invalid mode: ${mode}`);
  }
  return { rw: rw ?? true, propagation: propagation ?? '', noCopy };
}

export function parseBind(spec: string): Planned {
  const parts = spec.split(':');
  if (parts.length < 1 || parts.length > 3 || parts.some((p) => p === '')) throw invalidArgument(`invalid volume specification: '${spec}'`);
  if (parts.length === 1) {
    checkTarget(spec, 'volume', parts[0]!);
    return { point: { Type: 'volume', Source: '', Destination: cleanPath(parts[0]!), Driver: 'local', Mode: '', RW: true, Propagation: '', Anonymous: true } };
  }
  const [source, target, mode = ''] = parts as [string, string, string?];
  const { rw, propagation, noCopy } = parseMode(mode);
  if (path.isAbsolute(source)) {
    checkTarget(spec, 'bind', target);
    if (noCopy) throw invalidArgument(`invalid mode: ${mode}`);
    return {
      point: { Type: 'bind', Source: cleanPath(source), Destination: cleanPath(target), Mode: mode, RW: rw, Propagation: propagation || 'rprivate' },
      createSource: true,
    };
  }
  checkTarget(spec, 'volume', target);
  checkVolumeName(source);
  if (propagation) throw invalidArgument(`invalid volume specification: '${spec}': invalid mount config for type "volume": propagation is not supported for volumes`);
  return { point: { Type: 'volume', Name: source, Source: '', Destination: cleanPath(target), Driver: 'local', Mode: mode || 'z', RW: rw, Propagation: '' }, noCopy };
}

function mountError(type: string, message: string): Error {
  return invalidArgument(`invalid mount config for type "${type}": ${message}`);
}

export function parseMount(m: MountRequest): Planned {
  const t = m.Type;
  if (!m.Target) throw mountError(t, 'field Target must not be empty');
  if (!path.isAbsolute(m.Target)) throw mountError(t, `invalid mount path: '${m.Target}' mount path must be absolute`);
  const destination = cleanPath(m.Target);
  const rw = !m.ReadOnly;
  if (t === 'bind') {
    if (!m.Source) throw mountError(t, 'field Source must not be empty');
    if (!path.isAbsolute(m.Source)) throw mountError(t, `invalid mount path: '${m.Source}' mount path must be absolute`);
    if (m.VolumeOptions) throw mountError(t, 'field VolumeOptions must not be specified');
    if (m.TmpfsOptions) throw mountError(t, 'field TmpfsOptions must not be specified');
    const propagation = m.BindOptions?.Propagation || 'rprivate';
    if (!PROPAGATIONS.includes(propagation)) throw mountError(t, `invalid propagation mode: ${propagation}`);
    return { point: { Type: 'bind', Source: cleanPath(m.Source), Destination: destination, Mode: '', RW: rw, Propagation: propagation }, createSource: m.BindOptions?.CreateMountpoint ?? false };
  }
  if (t === 'volume') {
    if (m.BindOptions) throw mountError(t, 'field BindOptions must not be specified');
    if (m.TmpfsOptions) throw mountError(t, 'field TmpfsOptions must not be specified');
    const driver = m.VolumeOptions?.DriverConfig?.Name || 'local';
    if (m.Source) checkVolumeName(m.Source);
    return {
      point: { Type: 'volume', ...(m.Source ? { Name: m.Source } : { Anonymous: true }), Source: '', Destination: destination, Driver: driver, Mode: '', RW: rw, Propagation: '' },
      volumeLabels: m.VolumeOptions?.Labels ?? null,
      volumeOptions: m.VolumeOptions?.DriverConfig?.Options ?? null,
      noCopy: m.VolumeOptions?.NoCopy ?? false,
    };
  }
  if (m.Source) throw mountError(t, 'field Source must not be specified');
  if (m.BindOptions) throw mountError(t, 'field BindOptions must not be specified');
  if (m.VolumeOptions) throw mountError(t, 'field VolumeOptions must not be specified');
  const size = m.TmpfsOptions?.SizeBytes;
  const mode = m.TmpfsOptions?.Mode;
  if (size !== undefined && size < 0) throw mountError(t, `invalid tmpfs size: ${size}`);
  return {
    point: { Type: 'tmpfs', Source: '', Destination: destination, Mode: '', RW: rw, Propagation: '', ...(size ? { TmpfsSize: size } : {}), ...(mode ? { TmpfsMode: mode } : {}) },
  };
}

/** "ctr[:ro|rw]" */
export function parseVolumesFrom(spec: string): { container: string; rw?: boolean } {
  const [container, mode, ...rest] = spec.split(':');
  if (!container || rest.length > 0 || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) throw invalidArgument(`invalid mode: ${mode ?? spec}`);
  return { container, ...(mode ? { rw: mode === 'rw' } : {}) };
}

export interface MountInputs {
  Binds?: string[] | null | undefined;
  Mounts?: MountRequest[] | null | undefined;
  Tmpfs?: Record<string, string> | null | undefined;
  VolumesFrom?: string[] | null | undefined;
  /** The image's Config.Volumes and the request's Volumes, as destinations. */
  volumes: string[];
}

export interface MountDeps {
  volumes: VolumeStore;
  /** The mount points of another container (VolumesFrom); throws Docker's 404 when unknown. */
  mountsOf(ref: string): MountPoint[];
}

/** Everything checked, nothing created yet. */
export function planMounts(inputs: MountInputs, deps: MountDeps): Planned[] {
  const byDest = new Map<string, Planned>();
  for (const spec of inputs.VolumesFrom ?? []) {
    const { container, rw } = parseVolumesFrom(spec);
    for (const p of deps.mountsOf(container)) {
      if (p.Type === 'tmpfs') continue;
      const { Anonymous: _anonymous, CopyUp: _copyUp, ...shared } = p;
      byDest.set(p.Destination, { point: { ...shared, RW: rw ?? p.RW, ...(rw === false ? { Mode: 'ro' } : {}) } });
    }
  }
  const own = new Set<string>();
  const add = (p: Planned) => {
    if (own.has(p.point.Destination)) throw invalidArgument(`Duplicate mount point: ${p.point.Destination}`);
    own.add(p.point.Destination);
    byDest.set(p.point.Destination, p);
  };
  for (const b of inputs.Binds ?? []) add(parseBind(b));
  for (const m of inputs.Mounts ?? []) add(parseMount(m));
  for (const dest of Object.keys(inputs.Tmpfs ?? {})) {
    if (!path.isAbsolute(dest)) throw invalidArgument(`invalid mount path: '${dest}' mount path must be absolute`);
    if (own.has(cleanPath(dest))) throw invalidArgument(`Duplicate mount point: ${dest}`);
    byDest.delete(cleanPath(dest));
  }
  const tmpfsDests = new Set(Object.keys(inputs.Tmpfs ?? {}).map((d) => cleanPath(d)));
  for (const v of inputs.volumes) {
    const dest = cleanPath(v);
    if (!path.isAbsolute(dest)) throw invalidArgument(`invalid mount path: '${v}' mount path must be absolute`);
    if (byDest.has(dest) || tmpfsDests.has(dest)) continue;
    byDest.set(dest, { point: { Type: 'volume', Source: '', Destination: dest, Driver: 'local', Mode: '', RW: true, Propagation: '', Anonymous: true } });
  }
  return [...byDest.values()];
}

/** Creates the volumes (named ones on demand, anonymous ones) and the -v host directories. */
export function materializeMounts(planned: Planned[], volumes: VolumeStore): MountPoint[] {
  for (const p of planned) {
    if (p.point.Type === 'bind' && !p.createSource && !fs.existsSync(p.point.Source)) throw mountError('bind', `bind source path does not exist: ${p.point.Source}`);
  }
  return planned.map((p) => {
    const point = { ...p.point };
    if (point.Type === 'bind') {
      if (!fs.existsSync(point.Source)) fs.mkdirSync(point.Source, { recursive: true, mode: 0o755 });
      return point;
    }
    if (point.Type !== 'volume' || point.Source !== '') return point;
    const { volume } = volumes.create({
      ...(point.Name ? { Name: point.Name } : {}),
      Driver: point.Driver,
      Labels: point.Anonymous ? { ...(p.volumeLabels ?? {}), [ANONYMOUS_LABEL]: '' } : (p.volumeLabels ?? null),
      DriverOpts: p.volumeOptions ?? null,
    });
    // dockerd fills any empty volume it mounts (not only new ones), unless nocopy.
    return { ...point, Name: volume.Name, Source: volume.Mountpoint, ...(p.noCopy ? {} : { CopyUp: true }) };
  });
}

/**
 * The OCI mounts: dockerd's defaults without those a container mount replaces, then the
 * container's own (HostConfig.Tmpfs included), parents before children.
 */
export function specMounts(defaults: Mount[], points: MountPoint[], tmpfs: Record<string, string> | null | undefined): Mount[] {
  const own: Mount[] = points.map((p) => {
    if (p.Type === 'tmpfs') {
      const options = ['nosuid', 'nodev', 'noexec', p.RW ? 'rw' : 'ro'];
      if (p.TmpfsSize) options.push(`size=${p.TmpfsSize}`);
      if (p.TmpfsMode) options.push(`mode=${p.TmpfsMode.toString(8)}`);
      return { destination: p.Destination, type: 'tmpfs', source: 'tmpfs', options };
    }
    return { destination: p.Destination, type: 'bind', source: p.Source, options: ['rbind', p.RW ? 'rw' : 'ro', p.Propagation || 'rprivate'] };
  });
  for (const [dest, opts] of Object.entries(tmpfs ?? {})) {
    // Docker's defaults for --tmpfs, which the user's options extend or override.
    const options = ['noexec', 'nosuid', 'nodev', ...(opts ? opts.split(',') : [])];
    own.push({ destination: cleanPath(dest), type: 'tmpfs', source: 'tmpfs', options });
  }
  const taken = new Set(own.map((m) => m.destination));
  const depth = (m: Mount) => m.destination.split('/').filter(Boolean).length;
  const sorted = own.sort((a, b) => depth(a) - depth(b));
  return [...defaults.filter((m) => !taken.has(m.destination)), ...sorted];
}

/** inspect's and the list's Mounts: Docker's MountPoint fields only. */
export function mountViews(points: MountPoint[]): object[] {
  return points.map((p) => ({
    Type: p.Type,
    ...(p.Type === 'volume' ? { Name: p.Name ?? '' } : {}),
    Source: p.Source,
    Destination: p.Destination,
    ...(p.Type === 'volume' ? { Driver: p.Driver ?? 'local' } : {}),
    Mode: p.Mode,
    RW: p.RW,
    Propagation: p.Propagation,
  }));
}
