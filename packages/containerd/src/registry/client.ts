// The registry HTTP API v2 (OCI distribution spec) client: resolve a reference to its root
// descriptor, fetch manifests and blobs (verified while they stream), push blobs and manifests.
// It holds no content: the pull and push pipelines decide what to store and in which order.
import type { Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  SkiffError,
  canceled,
  failedPrecondition,
  invalidArgument,
  notFound,
  permissionDenied,
  unauthenticated,
  unavailable,
} from '@skiff/errors';
import { Authorizer, repositoryScope, type Credentials, type Scope } from './auth';
import { RegistryError, formatRegistryErrors, hasCode, parseRegistryErrors, registryError, type RegistryFailure } from './errors';
import {
  MANIFEST_ACCEPT,
  isManifestMediaType,
  parseManifest,
  type Descriptor,
  type ParsedManifest,
} from './manifest';
import { HostRules, parseRegistryOptions, trustedCertificates, type Endpoint, type RegistryOptions, type RegistryOptionsInput } from './options';
import {
  DEFAULT_DOMAIN,
  DEFAULT_TAG,
  familiarName,
  familiarString,
  normalizeReference,
  validateDigest,
  type Reference,
} from './reference';
import { HttpTransport, describeRequest, discard, readBody, type Body, type HttpResponse } from './transport';
import { VerifyingStream, digestOf, hashFor } from './verify';

export interface CallOptions {
  /** The caller's credentials for the registry (from X-Registry-Auth); anonymous when absent. */
  credentials?: Credentials;
  signal?: AbortSignal;
}

export interface Resolved {
  ref: Reference;
  /** The root: a manifest or an index, with its media type, digest and size. */
  descriptor: Descriptor;
}

export interface FetchedManifest {
  descriptor: Descriptor;
  bytes: Buffer;
  parsed: ParsedManifest;
}

export interface FetchBlobOptions extends CallOptions {
  /** Called as bytes arrive: the count so far (resumed bytes included) and the blob's size. */
  onProgress?: (current: number, total: number) => void;
  /** Continue a download: `offset` bytes are already held and `hash` has consumed them. */
  resume?: { offset: number; hash: Hash };
  /**
   * The caller verifies the digest of what it receives before trusting it (the content store does
   * on commit): the stream then checks the size only.
   */
  callerVerifiesDigest?: boolean;
}

export interface PushBlobOptions extends CallOptions {
  /** Repositories of the same registry that hold the blob ("library/busybox"), tried as mount sources. */
  mountFrom?: string[];
  onProgress?: (current: number, total: number) => void;
}

export type PushBlobResult = 'exists' | 'mounted' | 'uploaded';

/** Opens the blob's content; called again if the upload has to start over (after a 401). */
export type StreamFactory = () => Readable | Promise<Readable>;

interface RegistryRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer | StreamFactory;
}

const ERROR_BODY_LIMIT = 64 * 1024;

function refOf(ref: Reference | string): Reference {
  return typeof ref === 'string' ? normalizeReference(ref) : ref;
}

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export class RegistryClient {
  readonly options: RegistryOptions;
  private readonly hosts: HostRules;
  private readonly transport: HttpTransport;
  private readonly authorizer: Authorizer;

  constructor(options?: RegistryOptionsInput) {
    this.options = parseRegistryOptions(options);
    this.hosts = new HostRules(this.options);
    const ca = trustedCertificates(this.options);
    this.transport = new HttpTransport({
      userAgent: this.options.userAgent,
      connectTimeoutMs: this.options.timeouts.connectMs,
      idleTimeoutMs: this.options.timeouts.idleMs,
      maxRedirects: this.options.maxRedirects,
      ...(ca ? { ca } : {}),
    });
    this.authorizer = new Authorizer(this.transport);
  }

  /** Closes idle connections; requests in flight finish. */
  close(): void {
    this.transport.close();
  }

  /**
   * The root descriptor of `ref`: a HEAD on the manifest when the registry's answer is complete,
   * else a GET (which also yields the registry's error body when the HEAD failed).
   */
  async resolve(reference: Reference | string, opts: CallOptions = {}): Promise<Resolved> {
    const ref = refOf(reference);
    const target = ref.digest ?? ref.tag ?? DEFAULT_TAG;
    const descriptor = await this.onPullEndpoints(ref, opts, async (ep) => {
      const url = this.url(ep, `${ref.path}/manifests/${target}`);
      const head = await this.request(ep, [repositoryScope(ref.path, 'pull')], opts, {
        method: 'HEAD',
        url,
        headers: { accept: MANIFEST_ACCEPT },
      });
      discard(head);
      if (head.status === 200) {
        const mediaType = header(head, 'content-type')?.split(';')[0]?.trim();
        const digest = ref.digest ?? header(head, 'docker-content-digest');
        const length = Number(header(head, 'content-length') ?? NaN);
        if (mediaType !== undefined && isManifestMediaType(mediaType) && digest !== undefined && Number.isSafeInteger(length)) {
          return { mediaType, digest: this.checkedDigest(digest, url), size: length };
        }
      }
      return (await this.getManifest(ep, ref, target, opts)).descriptor;
    });
    return { ref, descriptor };
  }

  /**
   * A manifest or index, parsed and validated: by `descriptor` (an index entry, or what resolve
   * returned) when given, else by the reference's digest or tag. Content fetched by digest is
   * verified against it, and against the descriptor's size.
   */
  async fetchManifest(reference: Reference | string, descriptor?: Descriptor, opts: CallOptions = {}): Promise<FetchedManifest> {
    const ref = refOf(reference);
    const target = descriptor?.digest ?? ref.digest ?? ref.tag ?? DEFAULT_TAG;
    const fetched = await this.onPullEndpoints(ref, opts, (ep) => this.getManifest(ep, ref, target, opts));
    if (descriptor !== undefined && fetched.bytes.length !== descriptor.size) {
      throw failedPrecondition(
        `manifest ${descriptor.digest} of ${familiarName(ref)}: size ${fetched.bytes.length} does not match the descriptor's ${descriptor.size}`,
      );
    }
    return fetched;
  }

  /**
   * The blob's content as a stream that fails at its end unless exactly `descriptor.size` bytes
   * with `descriptor.digest` came through (the digest unless `callerVerifiesDigest`). Redirects (to
   * blob storage) are followed.
   */
  async fetchBlob(reference: Reference | string, descriptor: Descriptor, opts: FetchBlobOptions = {}): Promise<Readable> {
    const ref = refOf(reference);
    const { digest, size } = descriptor;
    validateDigest(digest);
    const offset = opts.resume?.offset ?? 0;
    if (offset < 0 || offset > size) throw invalidArgument(`resume offset ${offset} outside blob ${digest} of ${size} bytes`);
    return this.onPullEndpoints(ref, opts, async (ep) => {
      const url = this.url(ep, `${ref.path}/blobs/${digest}`);
      const res = await this.request(ep, [repositoryScope(ref.path, 'pull')], opts, {
        method: 'GET',
        url,
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      });
      if (res.status !== 200 && res.status !== 206) {
        const failure = await this.failure(res);
        if (res.status === 404) {
          throw new RegistryError(
            notFound(`blob ${digest} of ${familiarName(ref)} not found: ${formatRegistryErrors(failure.errors) || 'blob unknown: blob unknown to registry'}`),
            failure,
          );
        }
        throw this.pullError(ep, ref, failure, describeRequest('GET', url));
      }
      if (res.status === 206 && !header(res, 'content-range')?.startsWith(`bytes ${offset}-`)) {
        discard(res);
        throw unavailable(`${describeRequest('GET', url)}: range answered ${header(res, 'content-range')}, wanted bytes ${offset}-`);
      }
      const verifier = new VerifyingStream({
        digest,
        size,
        offset,
        ...(opts.resume ? { hash: opts.resume.hash } : {}),
        // A 200 to a ranged request is the whole blob: the held part comes again.
        ...(res.status === 200 && offset > 0 ? { skip: offset } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.callerVerifiesDigest ? { checkDigest: false } : {}),
      });
      const body = res.body;
      const cut = (err?: Error) =>
        verifier.destroy(unavailable(`blob ${digest}: unexpected EOF${err ? `: ${err.message}` : ''}`, { cause: err }));
      body.once('error', cut);
      body.once('aborted', () => cut());
      verifier.once('close', () => {
        if (!body.complete) body.destroy();
      });
      body.pipe(verifier);
      return verifier;
    });
  }

  /** Whether the registry holds `digest` in the repository (a HEAD on the blob). */
  async blobExists(reference: Reference | string, digest: string, opts: CallOptions = {}): Promise<boolean> {
    const ref = refOf(reference);
    validateDigest(digest);
    return this.headBlob(this.hosts.origin(ref.domain), ref, digest, [repositoryScope(ref.path, 'pull')], opts);
  }

  /**
   * Puts a blob into the repository unless it is there: first a cross-repository mount from each of
   * `mountFrom`, then an upload, in one PUT up to `chunkedUploadThreshold` bytes and in PATCH
   * chunks of `chunkSize` above it. The content is verified against the descriptor as it is sent.
   */
  async pushBlob(
    reference: Reference | string,
    descriptor: Descriptor,
    open: StreamFactory,
    opts: PushBlobOptions = {},
  ): Promise<PushBlobResult> {
    const ref = refOf(reference);
    validateDigest(descriptor.digest);
    const ep = this.hosts.origin(ref.domain);
    const sources = (opts.mountFrom ?? []).filter((from) => from !== ref.path);
    const scopes = [repositoryScope(ref.path, 'pull,push'), ...sources.map((from) => repositoryScope(from, 'pull'))];
    if (await this.headBlob(ep, ref, descriptor.digest, scopes, opts)) return 'exists';

    let location: URL | undefined;
    for (const [i, from] of sources.entries()) {
      const url = this.url(ep, `${ref.path}/blobs/uploads/`);
      url.searchParams.set('mount', descriptor.digest);
      url.searchParams.set('from', from);
      const res = await this.request(ep, scopes, opts, { method: 'POST', url });
      if (res.status === 201) {
        discard(res);
        return 'mounted';
      }
      if (res.status !== 202) throw this.pushError(await this.failure(res), describeRequest('POST', url));
      discard(res);
      // The registry could not mount and opened an upload instead: keep it for the last source,
      // cancel it to try the next.
      const opened = this.location(res, url);
      if (i === sources.length - 1) location = opened;
      else await this.cancelUpload(ep, opened, scopes, opts);
    }
    location ??= await this.startUpload(ep, ref, scopes, opts);

    try {
      if (descriptor.size > this.options.chunkedUploadThreshold) {
        await this.uploadChunked(ep, location, descriptor, open, scopes, opts);
      } else {
        await this.uploadMonolithic(ep, location, descriptor, open, scopes, opts);
      }
    } catch (err) {
      await this.cancelUpload(ep, location, scopes, opts);
      throw err;
    }
    return 'uploaded';
  }

  /** Puts a manifest under the reference's tag (else its digest); returns its descriptor. */
  async pushManifest(reference: Reference | string, mediaType: string, bytes: Buffer, opts: CallOptions = {}): Promise<Descriptor> {
    const ref = refOf(reference);
    const digest = digestOf(bytes);
    if (ref.digest !== undefined && ref.digest !== digest) {
      throw invalidArgument(`manifest digest ${digest} does not match the reference's ${ref.digest}`);
    }
    const ep = this.hosts.origin(ref.domain);
    const url = this.url(ep, `${ref.path}/manifests/${ref.tag ?? digest}`);
    const res = await this.request(ep, [repositoryScope(ref.path, 'pull,push')], opts, {
      method: 'PUT',
      url,
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    if (res.status !== 201 && res.status !== 200) throw this.pushError(await this.failure(res), describeRequest('PUT', url));
    discard(res);
    const answered = header(res, 'docker-content-digest');
    if (answered !== undefined && answered.startsWith('sha256:') && answered !== digest) {
      throw failedPrecondition(`registry stored manifest as ${answered}, expected ${digest}`);
    }
    return { mediaType, digest, size: bytes.length };
  }

  private url(ep: Endpoint, path: string): URL {
    return new URL(`v2/${path}`, ep.base);
  }

  /** Tries each pull endpoint (mirrors, then the registry); the registry's own error is the one reported. */
  private async onPullEndpoints<T>(ref: Reference, opts: CallOptions, op: (ep: Endpoint) => Promise<T>): Promise<T> {
    const endpoints = this.hosts.pullEndpoints(ref.domain);
    let last: unknown;
    for (const ep of endpoints) {
      try {
        return await op(ep);
      } catch (err) {
        if (opts.signal?.aborted) throw canceled('context canceled', { cause: err });
        last = err;
      }
    }
    throw last;
  }

  /** One registry call with authentication: what is known is sent; a 401 teaches and is retried once. */
  private async request(ep: Endpoint, scopes: Scope[], opts: CallOptions, req: RegistryRequest): Promise<HttpResponse> {
    const origin = ep.base.origin;
    let wanted = scopes;
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.authorizer.authorization(origin, wanted, opts.credentials);
      const body: Body | undefined = typeof req.body === 'function' ? await req.body() : req.body;
      const res = await this.transport.send({
        method: req.method,
        url: req.url,
        headers: { ...req.headers, ...(authorization ? { authorization } : {}) },
        ...(body !== undefined ? { body } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (res.status !== 401 || attempt > 0) return res;
      const retry = this.authorizer.challenged(origin, res.headers['www-authenticate'], wanted, opts.credentials, authorization);
      if (retry === undefined) return res;
      discard(res);
      if (body !== undefined && !Buffer.isBuffer(body)) body.destroy();
      wanted = retry;
    }
  }

  private async failure(res: HttpResponse): Promise<RegistryFailure> {
    let bytes: Buffer = Buffer.alloc(0);
    try {
      bytes = await readBody(res, ERROR_BODY_LIMIT, 'error body');
    } catch {
      // An unreadable error body leaves the status to speak for itself.
    }
    return { status: res.status, errors: parseRegistryErrors(bytes) };
  }

  private checkedDigest(digest: string, url: URL): string {
    try {
      return validateDigest(digest);
    } catch (err) {
      throw unavailable(`${describeRequest('HEAD', url)}: registry sent an invalid digest ${JSON.stringify(digest)}: ${(err as Error).message}`);
    }
  }

  private async getManifest(ep: Endpoint, ref: Reference, target: string, opts: CallOptions): Promise<FetchedManifest> {
    const url = this.url(ep, `${ref.path}/manifests/${target}`);
    const what = describeRequest('GET', url);
    const res = await this.request(ep, [repositoryScope(ref.path, 'pull')], opts, {
      method: 'GET',
      url,
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status !== 200) throw this.pullError(ep, ref, await this.failure(res), what);
    const bytes = await readBody(res, this.options.maxManifestBytes, what);
    const byDigest = target.includes(':');
    let digest: string;
    if (byDigest) {
      const actual = `${target.slice(0, target.indexOf(':'))}:${hashFor(target).update(bytes).digest('hex')}`;
      if (actual !== target) throw failedPrecondition(`digest mismatch: manifest ${target} of ${familiarName(ref)} has digest ${actual}`);
      digest = target;
    } else {
      digest = digestOf(bytes);
      const answered = header(res, 'docker-content-digest');
      if (answered !== undefined && answered.startsWith('sha256:') && answered !== digest) {
        throw failedPrecondition(`digest mismatch: registry named manifest ${answered} for ${familiarString(ref)}, content has ${digest}`);
      }
    }
    const parsed = parseManifest(bytes, header(res, 'content-type'), familiarString(ref));
    return { descriptor: { mediaType: parsed.mediaType, digest, size: bytes.length }, bytes, parsed };
  }

  /**
   * Docker's wording for a failed pull (daemon/distribution's notFoundError): access denied, or any
   * 401/403 from Docker Hub (which answers so for repositories that do not exist), is "pull access
   * denied ... may require 'docker login'"; an unknown repository or tag names what is missing.
   * All of these are NotFound, as in Docker.
   */
  private pullError(ep: Endpoint, ref: Reference, failure: RegistryFailure, what: string): SkiffError {
    const text = formatRegistryErrors(failure.errors);
    const hub = ref.domain === DEFAULT_DOMAIN && !ep.mirror;
    if (hasCode(failure, 'DENIED') || (hub && (failure.status === 401 || failure.status === 403))) {
      return new RegistryError(
        notFound(
          `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': ${
            text || 'denied: requested access to the resource is denied'
          }`,
        ),
        failure,
      );
    }
    if (hasCode(failure, 'NAME_UNKNOWN')) {
      return new RegistryError(notFound(`repository ${familiarName(ref)} not found: ${text}`), failure);
    }
    if (failure.status === 404) {
      return new RegistryError(
        notFound(`manifest for ${familiarString(ref)} not found: ${text || 'manifest unknown: manifest unknown'}`),
        failure,
      );
    }
    return registryError(failure, what);
  }

  /** Push failures: Docker reports the registry's own words ("denied: requested access ..."). */
  private pushError(failure: RegistryFailure, what: string): SkiffError {
    const text = formatRegistryErrors(failure.errors);
    if (hasCode(failure, 'DENIED')) return new RegistryError(permissionDenied(text), failure);
    if (failure.status === 401) return new RegistryError(unauthenticated(text || 'unauthorized: authentication required'), failure);
    return registryError(failure, what);
  }

  private async headBlob(ep: Endpoint, ref: Reference, digest: string, scopes: Scope[], opts: CallOptions): Promise<boolean> {
    const url = this.url(ep, `${ref.path}/blobs/${digest}`);
    const res = await this.request(ep, scopes, opts, { method: 'HEAD', url });
    discard(res);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw this.pushError({ status: res.status, errors: [] }, describeRequest('HEAD', url));
  }

  private location(res: HttpResponse, requested: URL): URL {
    const location = header(res, 'location');
    if (location === undefined) throw unavailable(`${describeRequest('POST', requested)}: upload answered without a Location`);
    return new URL(location, requested);
  }

  private async startUpload(ep: Endpoint, ref: Reference, scopes: Scope[], opts: CallOptions): Promise<URL> {
    const url = this.url(ep, `${ref.path}/blobs/uploads/`);
    const res = await this.request(ep, scopes, opts, { method: 'POST', url });
    if (res.status !== 202) throw this.pushError(await this.failure(res), describeRequest('POST', url));
    discard(res);
    return this.location(res, url);
  }

  /** Abandons an upload session, best effort: the registry expires it anyway. */
  private async cancelUpload(ep: Endpoint, location: URL, scopes: Scope[], opts: CallOptions): Promise<void> {
    try {
      discard(await this.request(ep, scopes, { ...opts, signal: AbortSignal.timeout(this.options.timeouts.connectMs) }, { method: 'DELETE', url: location }));
    } catch {
      // Nothing more to do: the original error is what matters.
    }
  }

  private verified(descriptor: Descriptor, source: Readable, opts: PushBlobOptions): Readable {
    const verifier = new VerifyingStream({
      digest: descriptor.digest,
      size: descriptor.size,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    source.once('error', (err) => verifier.destroy(err));
    return source.pipe(verifier);
  }

  private async uploadMonolithic(
    ep: Endpoint,
    location: URL,
    descriptor: Descriptor,
    open: StreamFactory,
    scopes: Scope[],
    opts: PushBlobOptions,
  ): Promise<void> {
    const url = new URL(location);
    url.searchParams.set('digest', descriptor.digest);
    let sent: Readable | undefined;
    let res: HttpResponse;
    try {
      res = await this.request(ep, scopes, opts, {
        method: 'PUT',
        url,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(descriptor.size) },
        body: async () => {
          sent = this.verified(descriptor, await open(), opts);
          return sent;
        },
      });
    } catch (err) {
      // A failed check of the content destroys the request: report the check, not the socket.
      throw sent?.errored ?? err;
    }
    if (sent?.errored) {
      discard(res);
      throw sent.errored;
    }
    if (res.status !== 201) throw this.pushError(await this.failure(res), describeRequest('PUT', url));
    discard(res);
  }

  private async uploadChunked(
    ep: Endpoint,
    start: URL,
    descriptor: Descriptor,
    open: StreamFactory,
    scopes: Scope[],
    opts: PushBlobOptions,
  ): Promise<void> {
    let location = start;
    let offset = 0;
    for await (const chunk of chunks(this.verified(descriptor, await open(), opts), this.options.chunkSize)) {
      const res = await this.request(ep, scopes, opts, {
        method: 'PATCH',
        url: location,
        headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + chunk.length - 1}` },
        body: chunk,
      });
      if (res.status !== 202) throw this.pushError(await this.failure(res), describeRequest('PATCH', location));
      discard(res);
      location = this.location(res, location);
      offset += chunk.length;
    }
    const url = new URL(location);
    url.searchParams.set('digest', descriptor.digest);
    const res = await this.request(ep, scopes, opts, { method: 'PUT', url });
    if (res.status !== 201) throw this.pushError(await this.failure(res), describeRequest('PUT', url));
    discard(res);
  }
}

/** Regroups a stream into buffers of exactly `size` bytes (the last one shorter). */
async function* chunks(source: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const data of source) {
    let rest = data as Buffer;
    while (rest.length > 0) {
      const take = Math.min(size - length, rest.length);
      parts.push(rest.subarray(0, take));
      length += take;
      rest = rest.subarray(take);
      if (length === size) {
        yield Buffer.concat(parts);
        parts = [];
        length = 0;
      }
    }
  }
  if (length > 0) yield Buffer.concat(parts);
}

