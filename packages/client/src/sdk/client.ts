// The Docker Engine API over node:http: one connection per request on a unix socket, tcp or
// tls, the API version negotiated with the daemon's /_ping, answers checked with the shared zod
// schemas, and streams handed out raw so callers decide how to decode them.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import { z } from 'zod';
import { unavailable } from '@skiff/errors';
import {
  type ContainerCreateBody,
  type ContainerUpdateBody,
  ContainerUpdateResponseSchema,
  type ExecCreateBody,
  type ExecStartBody,
  type NetworkConnectBody,
  type NetworkCreateBody,
  type NetworkDisconnectBody,
  type VolumeCreateBody,
  ContainerCreateResponseSchema,
  ContainerInspectSchema,
  ContainerSummarySchema,
  ContainerWaitResponseSchema,
  EventMessageSchema,
  ExecInspectSchema,
  IdResponseSchema,
  ImageSummarySchema,
  InfoSchema,
  ProgressMessageSchema,
  VersionSchema,
  AuthResponseSchema,
  ContainerChangeSchema,
  ContainerStatsSchema,
  ContainerTopSchema,
  DiskUsageSchema,
  ImageDeleteItemSchema,
  ImageHistoryItemSchema,
  NetworkCreateResponseSchema,
  NetworkSchema,
  PruneResponseSchema,
  VolumeListSchema,
  VolumeSchema,
} from '@skiff/engine-api';
import { registryAuthHeader } from './auth';
import type { Endpoint } from './host';
import { daemonError } from './errors';
import { jsonLines } from './json-lines';

/** The newest API version this client speaks; an older daemon's lower version wins. */
export const MAX_API_VERSION = '1.51';

type Query = Record<string, string | number | boolean | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am! - bm! || an! - bn!;
}

function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** "{}" in Go's URL-alphabet base64, what the docker CLI sends without credentials. */
const EMPTY_AUTH = 'e30=';

/** Decodes the base64 JSON stat the archive routes send in a header. */
export function pathStat(res: http.IncomingMessage): { name: string; size: number; mode: number; mtime: string; linkTarget: string } {
  const header = res.headers['x-docker-container-path-stat'];
  const text = Buffer.from(typeof header === 'string' ? header : '', 'base64').toString('utf8');
  return z.object({ name: z.string(), size: z.number(), mode: z.number(), mtime: z.string(), linkTarget: z.string() }).loose().parse(JSON.parse(text || '{}'));
}

/** Image names keep their slashes and a registry's port colon in paths, as Go escapes them. */
function encodeImage(name: string): string {
  return name.split('/').map((part) => encodeURIComponent(part).replace(/%3A/g, ':')).join('/');
}

export interface ClientOptions {
  endpoint: Endpoint;
  /** A fixed API version (DOCKER_API_VERSION); otherwise negotiated. */
  apiVersion?: string;
  /** Docker's client config directory, whose `auths` pull and push send as X-Registry-Auth. */
  configDir?: string;
}

export class EngineClient {
  private apiVersion: string | undefined;
  private readonly endpoint: Endpoint;
  private readonly configDir: string | undefined;

  constructor(options: ClientOptions) {
    this.endpoint = options.endpoint;
    this.apiVersion = options.apiVersion;
    this.configDir = options.configDir;
  }

  /** Without credentials the header still goes, as an empty JSON object: dockerd requires it on push. */
  private authHeaders(reference: string): Record<string, string> {
    const auth = this.configDir === undefined ? undefined : registryAuthHeader(this.configDir, reference);
    return { 'X-Registry-Auth': auth ?? EMPTY_AUTH };
  }

  private send(method: string, path: string, options: RequestOptions = {}): http.ClientRequest {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const request = this.open(method, `${path}${queryString(options.query)}`, headers);
    request.end(payload);
    return request;
  }

  /** A request whose body the caller writes. */
  private open(method: string, path: string, headers: Record<string, string>): http.ClientRequest {
    const base = { method, path, headers };
    const endpoint = this.endpoint;
    let request: http.ClientRequest;
    if (endpoint.kind === 'unix') request = http.request({ ...base, socketPath: endpoint.socketPath, host: 'localhost' });
    else if (endpoint.tls)
      request = https.request({
        ...base,
        host: endpoint.host,
        port: endpoint.port,
        ca: endpoint.tls.ca,
        cert: endpoint.tls.cert,
        key: endpoint.tls.key,
        rejectUnauthorized: endpoint.tls.verify,
      });
    else request = http.request({ ...base, host: endpoint.host, port: endpoint.port });
    return request;
  }

  private where(): string {
    return this.endpoint.kind === 'unix' ? `unix://${this.endpoint.socketPath}` : `tcp://${this.endpoint.host}:${this.endpoint.port}`;
  }

  private respond(request: http.ClientRequest): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      request.on('response', resolve);
      request.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')
          reject(unavailable(`Cannot connect to the Docker daemon at ${this.where()}. Is the docker daemon running?`, { cause: err }));
        else reject(err);
      });
    });
  }

  /** The version prefix, asking the daemon once: Docker's negotiation takes the lower of both. */
  async version(): Promise<string> {
    if (this.apiVersion === undefined) {
      const res = await this.respond(this.send('GET', '/_ping'));
      await readAll(res);
      const server = res.headers['api-version'];
      const offered = typeof server === 'string' ? server : MAX_API_VERSION;
      this.apiVersion = compareVersions(offered, MAX_API_VERSION) < 0 ? offered : MAX_API_VERSION;
    }
    return this.apiVersion;
  }

  /** A response whose status is below 400; a refusal becomes a DaemonError with Docker's message. */
  async stream(method: string, path: string, options: RequestOptions = {}): Promise<http.IncomingMessage> {
    const prefix = `/v${await this.version()}`;
    const res = await this.respond(this.send(method, prefix + path, options));
    if ((res.statusCode ?? 500) >= 400) throw daemonError(res.statusCode ?? 500, await readAll(res));
    return res;
  }

  /**
   * The answer, checked against `schema` and handed back as the daemon sent it: zod's result
   * would put the schema's fields first, and `inspect` prints the daemon's field order, as docker
   * does. Response schemas have no defaults or transforms, so both are the same value.
   */
  async call<T extends z.ZodType>(method: string, path: string, schema: T, options?: RequestOptions): Promise<z.infer<T>> {
    const text = await readAll(await this.stream(method, path, options));
    const answer: unknown = text ? JSON.parse(text) : undefined;
    schema.parse(answer);
    return answer as z.infer<T>;
  }

  async callEmpty(method: string, path: string, options?: RequestOptions): Promise<void> {
    await readAll(await this.stream(method, path, options));
  }

  /**
   * Attach and exec start: the daemon answers 101 and the connection becomes the process's raw
   * stdin/stdout (multiplexed unless it has a TTY).
   */
  async hijack(path: string, options: RequestOptions = {}): Promise<Duplex> {
    const prefix = `/v${await this.version()}`;
    const request = this.send('POST', prefix + path, { ...options, headers: { Connection: 'Upgrade', Upgrade: 'tcp' } });
    return new Promise((resolve, reject) => {
      request.on('upgrade', (_res, socket: net.Socket, head: Buffer) => {
        if (head.length) socket.unshift(head);
        resolve(socket);
      });
      this.respond(request).then(async (res) => {
        if ((res.statusCode ?? 500) >= 400) reject(daemonError(res.statusCode ?? 500, await readAll(res)));
        else resolve(res.socket as Duplex);
      }, reject);
    });
  }

  ping(): Promise<string> {
    return this.version();
  }

  serverVersion() {
    return this.call('GET', '/version', VersionSchema);
  }

  info() {
    return this.call('GET', '/info', InfoSchema);
  }

  listContainers(options: { all?: boolean; filters?: Record<string, string[]> } = {}) {
    return this.call('GET', '/containers/json', z.array(ContainerSummarySchema), {
      query: { all: options.all ? 1 : undefined, filters: options.filters ? JSON.stringify(options.filters) : undefined },
    });
  }

  /** `platform`: the image must be for it (the server says not found otherwise). */
  createContainer(body: ContainerCreateBody, name?: string, platform?: string) {
    return this.call('POST', '/containers/create', ContainerCreateResponseSchema, { body, query: { name, platform } });
  }

  inspectContainer(id: string) {
    return this.call('GET', `/containers/${encodeURIComponent(id)}/json`, ContainerInspectSchema);
  }

  startContainer(id: string) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/start`);
  }

  stopContainer(id: string, timeout?: number) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/stop`, { query: { t: timeout } });
  }

  killContainer(id: string, signal?: string) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/kill`, { query: { signal } });
  }

  removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}) {
    return this.callEmpty('DELETE', `/containers/${encodeURIComponent(id)}`, { query: { force: options.force ? 1 : undefined, v: options.volumes ? 1 : undefined } });
  }

  async waitContainer(id: string, condition?: 'not-running' | 'next-exit' | 'removed') {
    return (await this.registerWait(id, condition)).result;
  }

  /**
   * Resolves once the daemon has registered the wait (it sends the headers then), so a caller
   * can start the container after it without missing a fast exit; `result` is the exit.
   */
  async registerWait(id: string, condition?: 'not-running' | 'next-exit' | 'removed') {
    const res = await this.stream('POST', `/containers/${encodeURIComponent(id)}/wait`, { query: { condition } });
    const result = readAll(res).then((text) => ContainerWaitResponseSchema.parse(JSON.parse(text)));
    // Unobserved until the caller awaits it; a failure then still reaches the caller.
    result.catch(() => undefined);
    return { result };
  }

  /** The raw log stream: multiplexed frames unless the container has a TTY (see demultiplex). */
  containerLogs(id: string, options: { follow?: boolean; timestamps?: boolean; tail?: string; stdout?: boolean; stderr?: boolean } = {}) {
    return this.stream('GET', `/containers/${encodeURIComponent(id)}/logs`, {
      query: { follow: options.follow ? 1 : undefined, timestamps: options.timestamps ? 1 : undefined, tail: options.tail, stdout: options.stdout ?? true ? 1 : 0, stderr: options.stderr ?? true ? 1 : 0 },
    });
  }

  attachContainer(id: string, options: { stdin?: boolean; stdout?: boolean; stderr?: boolean; stream?: boolean; logs?: boolean; detachKeys?: string } = {}) {
    return this.hijack(`/containers/${encodeURIComponent(id)}/attach`, {
      query: { detachKeys: options.detachKeys, stream: options.stream ?? true ? 1 : 0, stdin: options.stdin ? 1 : 0, stdout: options.stdout ?? true ? 1 : 0, stderr: options.stderr ?? true ? 1 : 0, logs: options.logs ? 1 : undefined },
    });
  }

  resizeContainer(id: string, rows: number, columns: number) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/resize`, { query: { h: rows, w: columns } });
  }

  async createExec(id: string, body: ExecCreateBody): Promise<string> {
    return (await this.call('POST', `/containers/${encodeURIComponent(id)}/exec`, IdResponseSchema, { body })).Id;
  }

  startExec(execId: string, options: { tty?: boolean }) {
    const body: ExecStartBody = { Detach: false, Tty: options.tty ?? false };
    return this.hijack(`/exec/${encodeURIComponent(execId)}/start`, { body });
  }

  startExecDetached(execId: string) {
    const body: ExecStartBody = { Detach: true, Tty: false };
    return this.callEmpty('POST', `/exec/${encodeURIComponent(execId)}/start`, { body });
  }

  inspectExec(execId: string) {
    return this.call('GET', `/exec/${encodeURIComponent(execId)}/json`, ExecInspectSchema);
  }

  resizeExec(execId: string, rows: number, columns: number) {
    return this.callEmpty('POST', `/exec/${encodeURIComponent(execId)}/resize`, { query: { h: rows, w: columns } });
  }

  inspectImage(name: string) {
    return this.call('GET', `/images/${encodeImage(name)}/json`, z.record(z.string(), z.unknown()));
  }

  listImages(options: { all?: boolean; filters?: Record<string, string[]> } = {}) {
    return this.call('GET', '/images/json', z.array(ImageSummarySchema), {
      query: { all: options.all ? 1 : undefined, filters: options.filters ? JSON.stringify(options.filters) : undefined },
    });
  }

  /**
   * Pull progress, one message per JSON line; an `error` line is the pull's failure. `platform`
   * ("linux/arm64") picks that platform's manifest of a multi-platform image.
   */
  async pull(image: string, tag?: string, platform?: string) {
    const res = await this.stream('POST', '/images/create', { query: { fromImage: image, tag, platform }, headers: this.authHeaders(image) });
    return jsonLines(res, ProgressMessageSchema);
  }

  /** Push progress, as pull's. */
  async push(name: string, tag?: string) {
    const res = await this.stream('POST', `/images/${encodeImage(name)}/push`, { query: { tag }, headers: this.authHeaders(name) });
    return jsonLines(res, ProgressMessageSchema);
  }

  /** Import progress of a rootfs tarball sent as the body. */
  async importImage(source: Readable, options: { repo?: string; tag?: string; changes?: string[]; message?: string }) {
    const query = new URLSearchParams({ fromSrc: '-' });
    if (options.repo) query.set('repo', options.repo);
    if (options.tag) query.set('tag', options.tag);
    if (options.message) query.set('message', options.message);
    for (const change of options.changes ?? []) query.append('changes', change);
    const res = await this.upload('POST', `/images/create?${query}`, source, 'application/x-tar');
    return jsonLines(res, ProgressMessageSchema);
  }

  /** A request whose body is a stream (a tar): load, import, copy into a container. */
  async upload(method: string, pathAndQuery: string, body: Readable, contentType: string): Promise<http.IncomingMessage> {
    const prefix = `/v${await this.version()}`;
    const request = this.open(method, prefix + pathAndQuery, { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' });
    body.pipe(request);
    body.on('error', (err) => request.destroy(err));
    const res = await this.respond(request);
    if ((res.statusCode ?? 500) >= 400) throw daemonError(res.statusCode ?? 500, await readAll(res));
    return res;
  }

  async auth(body: { username: string; password: string; serveraddress: string }) {
    return this.call('POST', '/auth', AuthResponseSchema, { body });
  }

  restartContainer(id: string, timeout?: number) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/restart`, { query: { t: timeout } });
  }

  pauseContainer(id: string) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/pause`);
  }

  unpauseContainer(id: string) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/unpause`);
  }

  renameContainer(id: string, name: string) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/rename`, { query: { name } });
  }

  topContainer(id: string, psArgs?: string) {
    return this.call('GET', `/containers/${encodeURIComponent(id)}/top`, ContainerTopSchema, { query: { ps_args: psArgs } });
  }

  containerChanges(id: string) {
    return this.call('GET', `/containers/${encodeURIComponent(id)}/changes`, z.array(ContainerChangeSchema).nullable());
  }

  /** A tar of the container's filesystem. */
  exportContainer(id: string) {
    return this.stream('GET', `/containers/${encodeURIComponent(id)}/export`);
  }

  /** One stats sample (two reads apart, so precpu_stats is filled), or the live stream of them. */
  async containerStats(id: string, stream: boolean) {
    const res = await this.stream('GET', `/containers/${encodeURIComponent(id)}/stats`, { query: { stream: stream ? 1 : 0 } });
    return jsonLines(res, ContainerStatsSchema);
  }

  /** A tar of a path in the container, with its stat in the X-Docker-Container-Path-Stat header. */
  getArchive(id: string, path: string) {
    return this.stream('GET', `/containers/${encodeURIComponent(id)}/archive`, { query: { path } });
  }

  /** The stat of a path in the container (X-Docker-Container-Path-Stat), or a NotFound refusal. */
  async statPath(id: string, path: string): Promise<{ name: string; size: number; mode: number; mtime: string; linkTarget: string }> {
    const res = await this.stream('HEAD', `/containers/${encodeURIComponent(id)}/archive`, { query: { path } });
    res.resume();
    return pathStat(res);
  }

  async putArchive(id: string, path: string, tar: Readable, options: { copyUIDGID?: boolean } = {}) {
    const query = new URLSearchParams({ path });
    if (options.copyUIDGID) query.set('copyUIDGID', '1');
    await readAll(await this.upload('PUT', `/containers/${encodeURIComponent(id)}/archive?${query}`, tar, 'application/x-tar'));
  }

  commitContainer(id: string, options: { repo?: string; tag?: string; author?: string; comment?: string; changes?: string[]; pause?: boolean }) {
    const query = new URLSearchParams({ container: id });
    if (options.repo) query.set('repo', options.repo);
    if (options.tag) query.set('tag', options.tag);
    if (options.author) query.set('author', options.author);
    if (options.comment) query.set('comment', options.comment);
    query.set('pause', options.pause === false ? '0' : '1');
    for (const change of options.changes ?? []) query.append('changes', change);
    return this.call('POST', `/commit?${query}`, IdResponseSchema);
  }

  updateContainer(id: string, body: ContainerUpdateBody) {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/update`, ContainerUpdateResponseSchema, { body });
  }

  pruneContainers(options: { filters?: Record<string, string[]> } = {}) {
    return this.call('POST', '/containers/prune', PruneResponseSchema, { query: { filters: options.filters ? JSON.stringify(options.filters) : undefined } });
  }

  tagImage(source: string, repo: string, tag?: string) {
    return this.callEmpty('POST', `/images/${encodeImage(source)}/tag`, { query: { repo, tag } });
  }

  removeImage(name: string, options: { force?: boolean; noPrune?: boolean } = {}) {
    return this.call('DELETE', `/images/${encodeImage(name)}`, z.array(ImageDeleteItemSchema), {
      query: { force: options.force ? 1 : undefined, noprune: options.noPrune ? 1 : undefined },
    });
  }

  imageHistory(name: string) {
    return this.call('GET', `/images/${encodeImage(name)}/history`, z.array(ImageHistoryItemSchema));
  }

  /** `all` prunes every unused image, not only dangling ones (docker's dangling=false filter). */
  pruneImages(options: { all?: boolean; filters?: Record<string, string[]> } = {}) {
    const filters = options.all ? { ...options.filters, dangling: ['false'] } : options.filters;
    return this.call('POST', '/images/prune', PruneResponseSchema, { query: { filters: filters ? JSON.stringify(filters) : undefined } });
  }

  /** A docker-archive tar of the named images. */
  saveImages(names: string[]) {
    const query = new URLSearchParams();
    for (const name of names) query.append('names', name);
    return this.stream('GET', `/images/get?${query}`);
  }

  /** Load progress (JSON lines) of a docker-archive tar. */
  async loadImages(tar: Readable, quiet: boolean) {
    const res = await this.upload('POST', `/images/load?quiet=${quiet ? 1 : 0}`, tar, 'application/x-tar');
    return jsonLines(res, ProgressMessageSchema);
  }

  createVolume(body: VolumeCreateBody) {
    return this.call('POST', '/volumes/create', VolumeSchema, { body });
  }

  listVolumes(options: { filters?: Record<string, string[]> } = {}) {
    return this.call('GET', '/volumes', VolumeListSchema, { query: { filters: options.filters ? JSON.stringify(options.filters) : undefined } });
  }

  inspectVolume(name: string) {
    return this.call('GET', `/volumes/${encodeURIComponent(name)}`, VolumeSchema);
  }

  removeVolume(name: string, force?: boolean) {
    return this.callEmpty('DELETE', `/volumes/${encodeURIComponent(name)}`, { query: { force: force ? 1 : undefined } });
  }

  pruneVolumes(options: { all?: boolean; filters?: Record<string, string[]> } = {}) {
    const filters = options.all ? { ...options.filters, all: ['true'] } : options.filters;
    return this.call('POST', '/volumes/prune', PruneResponseSchema, { query: { filters: filters ? JSON.stringify(filters) : undefined } });
  }

  createNetwork(body: NetworkCreateBody) {
    return this.call('POST', '/networks/create', NetworkCreateResponseSchema, { body });
  }

  listNetworks(options: { filters?: Record<string, string[]> } = {}) {
    return this.call('GET', '/networks', z.array(NetworkSchema), { query: { filters: options.filters ? JSON.stringify(options.filters) : undefined } });
  }

  inspectNetwork(id: string) {
    return this.call('GET', `/networks/${encodeURIComponent(id)}`, NetworkSchema);
  }

  removeNetwork(id: string) {
    return this.callEmpty('DELETE', `/networks/${encodeURIComponent(id)}`);
  }

  pruneNetworks(options: { filters?: Record<string, string[]> } = {}) {
    return this.call('POST', '/networks/prune', PruneResponseSchema, { query: { filters: options.filters ? JSON.stringify(options.filters) : undefined } });
  }

  connectNetwork(id: string, container: string) {
    const body: NetworkConnectBody = { Container: container };
    return this.callEmpty('POST', `/networks/${encodeURIComponent(id)}/connect`, { body });
  }

  disconnectNetwork(id: string, container: string, force?: boolean) {
    const body: NetworkDisconnectBody = { Container: container, Force: force === true };
    return this.callEmpty('POST', `/networks/${encodeURIComponent(id)}/disconnect`, { body });
  }

  diskUsage() {
    return this.call('GET', '/system/df', DiskUsageSchema);
  }

  async events(options: { since?: string; until?: string; filters?: Record<string, string[]> } = {}) {
    const res = await this.stream('GET', '/events', {
      query: { since: options.since, until: options.until, filters: options.filters ? JSON.stringify(options.filters) : undefined },
    });
    // A nanosecond time has more digits than a double holds: it is read as the string it is sent as.
    return jsonLines(res, EventMessageSchema, (line) => line.replace(/"timeNano":(\d+)/, '"timeNano":"$1"'));
  }
}
