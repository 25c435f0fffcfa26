// Platform matching for manifest lists, with containerd's normalisation (platforms.Normalize):
// "aarch64" is arm64, arm64's only variant v8 is the same as none, "armhf" is arm/v7, and so on,
// so an index entry written by any tool matches the platform a user asked for.
import { invalidArgument, notFound } from '@skiff/errors';
import type { Descriptor, ImageIndex, Platform } from './manifest';

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

export interface NormalizedPlatform {
  os: string;
  architecture: string;
  /** "" when the architecture has no variant, or only its baseline one (amd64 v1, arm64 v8). */
  variant: string;
}

export function normalizePlatform(platform: Pick<Platform, 'os' | 'architecture' | 'variant'>): NormalizedPlatform {
  let os = platform.os.toLowerCase();
  if (os === 'macos') os = 'darwin';
  let architecture = platform.architecture.toLowerCase();
  let variant = (platform.variant ?? '').toLowerCase();
  switch (architecture) {
    case 'i386':
      architecture = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      architecture = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      architecture = 'arm64';
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = '';
      else if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9';
      break;
    case 'armhf':
      architecture = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      architecture = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (variant === '5' || variant === '6' || variant === '8') variant = `v${variant}`;
      break;
    default:
      break;
  }
  return { os, architecture, variant };
}

/** "linux/amd64", "linux/arm/v7": the form Docker shows and `--platform` takes. */
export function formatPlatform(platform: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  const p = normalizePlatform(platform);
  return [p.os, p.architecture, p.variant].filter((s) => s !== '').join('/');
}

/** Parses `--platform` syntax: os/arch[/variant], or just arch (then linux). */
export function parsePlatform(spec: string): Platform {
  const parts = spec.split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) {
    throw invalidArgument(`"${spec}": unknown operating system or architecture: invalid argument`);
  }
  const [os, architecture, variant] = parts.length === 1 ? ['linux', parts[0] as string] : (parts as [string, string, string?]);
  return { os, architecture, ...(variant !== undefined ? { variant } : {}) };
}

/**
 * The platforms that can run on `wanted`, best first: the exact one, then older variants of the
 * same architecture (arm/v7 runs v6 and v5 code; amd64/v3 runs v2 and baseline), as containerd's
 * platforms.Only orders them.
 */
export function compatiblePlatforms(wanted: Pick<Platform, 'os' | 'architecture' | 'variant'>): NormalizedPlatform[] {
  const p = normalizePlatform(wanted);
  const out: NormalizedPlatform[] = [p];
  const level = /^v(\d+)$/.exec(p.variant);
  if (level) {
    const n = Number(level[1]);
    if (p.architecture === 'arm') for (let v = n - 1; v >= 5; v--) out.push({ ...p, variant: `v${v}` });
    if (p.architecture === 'amd64') {
      for (let v = n - 1; v >= 2; v--) out.push({ ...p, variant: `v${v}` });
      out.push({ ...p, variant: '' });
    }
  }
  return out;
}

/** How well `candidate` fits `wanted`: 0 is exact, higher is worse, -1 is not at all. */
export function platformRank(candidate: Platform, wanted: Pick<Platform, 'os' | 'architecture' | 'variant'>): number {
  const c = normalizePlatform(candidate);
  return compatiblePlatforms(wanted).findIndex(
    (w) => w.os === c.os && w.architecture === c.architecture && w.variant === c.variant,
  );
}

/**
 * The index entry for `platform` (default linux/amd64): the best-ranked match, the earliest entry
 * among equals. Entries without a platform (attestations, artifacts) never match.
 */
export function selectPlatform(index: ImageIndex, platform: Platform = DEFAULT_PLATFORM): Descriptor {
  let best: Descriptor | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const entry of index.manifests) {
    if (entry.platform === undefined) continue;
    const rank = platformRank(entry.platform, platform);
    if (rank >= 0 && rank < bestRank) {
      best = entry;
      bestRank = rank;
    }
  }
  if (best === undefined) {
    throw notFound(`no matching manifest for ${formatPlatform(platform)} in the manifest list entries`);
  }
  return best;
}
