// `--platform` at create (the `platform` query): the image must be for that platform, as dockerd
// checks it; the docker CLI then pulls the image for the platform when told it is not found.
import { invalidArgument, notFound } from '@skiff/errors';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** containerd's spellings of the same architectures, as its platforms.Normalize maps them. */
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', i386: '386', armhf: 'arm', armel: 'arm' };
const KNOWN_OS = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'android', 'ios', 'plan9', 'aix', 'dragonfly', 'js', 'wasip1']);

/** containerd's platforms.Parse: "os", "os/arch", "os/arch/variant", or an architecture alone (Linux). */
export function parsePlatform(specifier: string): Platform {
  const unknown = () => invalidArgument(`"${specifier}": unknown operating system or architecture: invalid argument`);
  const parts = specifier.toLowerCase().split('/');
  if (parts.some((p) => p === '') || parts.length > 3) throw unknown();
  const arch = (a: string) => ARCH_ALIASES[a] ?? a;
  if (parts.length === 1) {
    const [only] = parts as [string];
    if (KNOWN_OS.has(only)) return { os: only, architecture: process.arch === 'x64' ? 'amd64' : process.arch };
    return { os: 'linux', architecture: arch(only) };
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  if (!KNOWN_OS.has(os)) throw unknown();
  return { os, architecture: arch(architecture), ...(variant ? { variant } : {}) };
}

function format(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** dockerd's refusal (a 404, so that the docker CLI pulls) of an image for another platform. */
export function checkImagePlatform(reference: string, wanted: Platform, image: { os?: string; architecture?: string; variant?: string }): void {
  const actual: Platform = { os: image.os || 'linux', architecture: image.architecture || 'amd64', ...(image.variant ? { variant: image.variant } : {}) };
  const matches = actual.os === wanted.os && actual.architecture === wanted.architecture && (!wanted.variant || wanted.variant === actual.variant);
  if (!matches) {
    throw notFound(`image with reference ${reference} was found but does not match the specified platform: wanted ${format(wanted)}, actual: ${format(actual)}`);
  }
}
