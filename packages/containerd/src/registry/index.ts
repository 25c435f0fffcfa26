// The registry client of skiff-containerd: references, authentication, manifests, blobs.
export { RegistryClient } from './client';
export type { CallOptions, FetchBlobOptions, FetchedManifest, PushBlobOptions, PushBlobResult, Resolved, StreamFactory } from './client';
export { CredentialsSchema, mergeScopes, parseWwwAuthenticate, repositoryScope } from './auth';
export type { Challenge, Credentials } from './auth';
export { RegistryError, formatRegistryErrors, parseRegistryErrors } from './errors';
export type { RegistryErrorEntry, RegistryFailure } from './errors';
export {
  DescriptorSchema,
  ImageIndexSchema,
  ImageManifestSchema,
  MANIFEST_ACCEPT,
  MANIFEST_MEDIA_TYPES,
  MediaType,
  PlatformSchema,
  detectMediaType,
  isIndexMediaType,
  isManifestMediaType,
  parseManifest,
} from './manifest';
export type { Descriptor, ImageIndex, ImageManifest, ManifestMediaType, ParsedManifest, Platform } from './manifest';
export { RegistryOptionsSchema, parseRegistryOptions } from './options';
export type { RegistryOptions, RegistryOptionsInput } from './options';
export { DEFAULT_PLATFORM, compatiblePlatforms, formatPlatform, normalizePlatform, parsePlatform, platformRank, selectPlatform } from './platform';
export type { NormalizedPlatform } from './platform';
export {
  DEFAULT_DOMAIN,
  DEFAULT_TAG,
  familiarName,
  familiarString,
  normalizeReference,
  parseReference,
  referenceName,
  referenceString,
  validateDigest,
  validateTag,
  withTarget,
} from './reference';
export type { Reference } from './reference';
export { VerifyingStream, digestOf } from './verify';
