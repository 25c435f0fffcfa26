// Platform specifiers ("linux/amd64", "linux/arm64/v8", "arm64"), read as the containerd platforms
// library of the docker CLI 28 reads them: the skiff CLI sends what the docker CLI sends, and
// skiffd reads the same query.

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** Other spellings of the same architectures, as the docker CLI 28 sends them (variants as given). */
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', i386: '386' };
const KNOWN_OS = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'android', 'ios', 'plan9', 'aix', 'dragonfly', 'js', 'wasip1']);
const COMPONENT = /^[A-Za-z0-9_.-]+$/;

/** This host's architecture in Go's (and OCI's) names, from Node's. */
export function hostArchitecture(): string {
  const goNames: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
  return goNames[process.arch] ?? process.arch;
}

/** The platform a specifier names, or the library's reason (ending in ": invalid argument") why it names none. */
export function parsePlatform(specifier: string): Platform | { error: string } {
  const parts = specifier.split('/');
  const bad = parts.find((p) => !COMPONENT.test(p));
  if (bad !== undefined) return { error: `"${bad}" is an invalid component of "${specifier}": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument` };
  if (parts.length > 3) return { error: `"${specifier}": cannot parse platform specifier: invalid argument` };
  const lower = parts.map((p) => p.toLowerCase());
  const arch = (a: string) => ARCH_ALIASES[a] ?? a;
  if (lower.length === 1) {
    const [only] = lower as [string];
    return KNOWN_OS.has(only) ? { os: only, architecture: hostArchitecture() } : { os: 'linux', architecture: arch(only) };
  }
  const [os, architecture, variant] = lower as [string, string, string | undefined];
  return { os, architecture: arch(architecture), ...(variant ? { variant } : {}) };
}

/** containerd's platforms.Format: "os/architecture[/variant]". */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
