// `--platform` at create (the `platform` query): the image must be for that platform, as dockerd
// checks it; the docker CLI then pulls the image for the platform when told it is not found.
import { formatPlatform, hostArchitecture, parsePlatform as parseSpecifier, type Platform } from '@skiff/engine-api';
import { invalidArgument, notFound } from '@skiff/errors';

/** The platform of the query, or a 400 with the platforms library's reason. */
export function parsePlatform(specifier: string): Platform {
  const parsed = parseSpecifier(specifier);
  if ('error' in parsed) throw invalidArgument(parsed.error);
  return parsed;
}

type PlatformFields = { os?: string; architecture?: string; variant?: string };

/** An image config's platform, with dockerd's defaults for the fields an old image leaves out. */
function imagePlatform(image: PlatformFields): Platform {
  return { os: image.os || 'linux', architecture: image.architecture || 'amd64', ...(image.variant ? { variant: image.variant } : {}) };
}

/** containerd's match of a platform against one asked for: a variant counts only when asked. */
export function platformMatches(actual: PlatformFields | undefined, wanted: Platform): boolean {
  return actual?.os === wanted.os && actual.architecture === wanted.architecture && (!wanted.variant || actual.variant === wanted.variant);
}

/** dockerd's refusal (a 404, so that the docker CLI pulls) of an image for another platform. */
export function checkImagePlatform(reference: string, wanted: Platform, image: PlatformFields): void {
  const actual = imagePlatform(image);
  if (!platformMatches(actual, wanted)) {
    throw notFound(`image with reference ${reference} was found but does not match the specified platform: wanted ${formatPlatform(wanted)}, actual: ${formatPlatform(actual)}`);
  }
}

/**
 * dockerd's warning in a create's response when the image is for another platform than the host's
 * and none was asked for (only such an image was pulled); the docker CLI prints it.
 */
export function platformMismatch(image: PlatformFields): string | undefined {
  const actual = imagePlatform(image);
  const host: Platform = { os: 'linux', architecture: hostArchitecture() };
  if (actual.os === host.os && actual.architecture === host.architecture) return undefined;
  return `The requested image's platform (${formatPlatform(actual)}) does not match the detected host platform (${formatPlatform(host)}) and no specific platform was requested`;
}
