// Docker image references, parsed and normalised as Docker's distribution/reference package does
// (ParseNormalizedNamed, then TagNameOnly), so a name means the same image here as under `docker`,
// and errors read the same.
import { invalidArgument } from '@skiff/errors';

export const DEFAULT_DOMAIN = 'docker.io';
export const DEFAULT_TAG = 'latest';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

// The grammar of distribution/reference's regexp.go, piece by piece; Go's RE2 and JavaScript agree
// on every construct used here (\w is ASCII in both without the `u` flag).
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6Address})(?::[0-9]+)?`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;
const anchoredTagRegexp = new RegExp(`^${tagPattern}$`);

/** The digest algorithms go-digest knows, with their hex lengths. */
const digestHexLength: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** A normalised reference: always a domain and a full path ("docker.io", "library/busybox"). */
export interface Reference {
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** go-digest's Validate, with its error wording. */
export function validateDigest(digest: string): string {
  const i = digest.indexOf(':');
  if (i <= 0 || i + 1 === digest.length) throw invalidArgument('invalid checksum digest format');
  const algorithm = digest.slice(0, i);
  const hex = digest.slice(i + 1);
  const length = digestHexLength[algorithm];
  if (length === undefined) {
    if (!new RegExp(`^${digestPattern}$`).test(digest)) throw invalidArgument('invalid checksum digest format');
    throw invalidArgument('unsupported digest algorithm');
  }
  if (hex.length !== length) throw invalidArgument('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(hex)) throw invalidArgument('invalid checksum digest format');
  return digest;
}

/** Docker's tag syntax ("invalid tag format"), for callers that get a tag on its own. */
export function validateTag(tag: string): string {
  if (!anchoredTagRegexp.test(tag)) throw invalidArgument('invalid tag format');
  return tag;
}

// splitDockerDomain: the first component is a registry only if it looks like a host (a dot, a
// port, "localhost", or uppercase, which a repository path may not contain); otherwise the name
// is on Docker Hub, where one-component names live under library/.
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  const first = name.slice(0, slash);
  let domain: string;
  let remainder: string;
  if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
    domain = first === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first;
    remainder = name.slice(slash + 1);
  } else {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/**
 * ParseNormalizedNamed: "busybox" -> docker.io/library/busybox, no tag added (see
 * normalizeReference for that).
 */
export function parseReference(input: string): Reference {
  if (anchoredIdentifierRegexp.test(input)) {
    throw invalidArgument(`invalid repository name (${input}), cannot specify 64-byte hexadecimal strings`);
  }
  const { domain, remainder } = splitDockerDomain(input);
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) {
    throw invalidArgument(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const full = `${domain}/${remainder}`;
  const match = referenceRegexp.exec(full);
  if (!match) {
    if (referenceRegexp.test(full.toLowerCase())) {
      throw invalidArgument('invalid reference format: repository name must be lowercase');
    }
    throw invalidArgument('invalid reference format');
  }
  const [, name, tag, digest] = match as unknown as [string, string, string | undefined, string | undefined];
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    throw invalidArgument(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  const parts = anchoredNameRegexp.exec(name) as RegExpExecArray;
  return {
    domain: parts[1] ?? '',
    path: parts[2] as string,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest: validateDigest(digest) } : {}),
  };
}

/** What `docker pull` resolves: parseReference plus ":latest" when neither tag nor digest is given. */
export function normalizeReference(input: string): Reference {
  const ref = parseReference(input);
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** The full repository name: "docker.io/library/busybox". */
export function referenceName(ref: Reference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The full reference: "docker.io/library/busybox:latest", "host/repo:tag@sha256:...". */
export function referenceString(ref: Reference): string {
  return referenceName(ref) + suffix(ref);
}

/** The name as Docker shows it: "busybox", "user/app", "localhost:5000/app". */
export function familiarName(ref: Reference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return referenceName(ref);
  const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
  return ref.path.startsWith(OFFICIAL_REPO_PREFIX) && !rest.includes('/') ? rest : ref.path;
}

/** The reference as Docker shows it: "busybox:latest", "busybox@sha256:...". */
export function familiarString(ref: Reference): string {
  return familiarName(ref) + suffix(ref);
}

function suffix(ref: Reference): string {
  return (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}

/** A copy of ref naming another tag or digest of the same repository. */
export function withTarget(ref: Reference, target: { tag?: string; digest?: string }): Reference {
  return {
    domain: ref.domain,
    path: ref.path,
    ...(target.tag !== undefined ? { tag: validateTag(target.tag) } : {}),
    ...(target.digest !== undefined ? { digest: validateDigest(target.digest) } : {}),
  };
}
