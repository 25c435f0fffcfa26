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
  type ExecCreateBody,
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
} from '@skiff/engine-api';
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

export interface ClientOptions {
  endpoint: Endpoint;
  /** A fixed API version (DOCKER_API_VERSION); otherwise negotiated. */
  apiVersion?: string;
}

export class EngineClient {
  private apiVersion: string | undefined;
  private readonly endpoint: Endpoint;

  constructor(options: ClientOptions) {
    this.endpoint = options.endpoint;
    this.apiVersion = options.apiVersion;
  }

  private send(method: string, path: string, options: RequestOptions = {}): http.ClientRequest {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const base = { method, path: `${path}${queryString(options.query)}`, headers };
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
    request.end(payload);
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

  async call<T extends z.ZodType>(method: string, path: string, schema: T, options?: RequestOptions): Promise<z.infer<T>> {
    const text = await readAll(await this.stream(method, path, options));
    return schema.parse(text ? JSON.parse(text) : undefined);
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

  createContainer(body: ContainerCreateBody, name?: string) {
    return this.call('POST', '/containers/create', ContainerCreateResponseSchema, { body, query: { name } });
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

  attachContainer(id: string, options: { stdin?: boolean; stdout?: boolean; stderr?: boolean; stream?: boolean; logs?: boolean } = {}) {
    return this.hijack(`/containers/${encodeURIComponent(id)}/attach`, {
      query: { stream: options.stream ?? true ? 1 : 0, stdin: options.stdin ? 1 : 0, stdout: options.stdout ?? true ? 1 : 0, stderr: options.stderr ?? true ? 1 : 0, logs: options.logs ? 1 : undefined },
    });
  }

  resizeContainer(id: string, rows: number, columns: number) {
    return this.callEmpty('POST', `/containers/${encodeURIComponent(id)}/resize`, { query: { h: rows, w: columns } });
  }

  async createExec(id: string, body: ExecCreateBody): Promise<string> {
    return (await this.call('POST', `/containers/${encodeURIComponent(id)}/exec`, IdResponseSchema, { body })).Id;
  }

  startExec(execId: string, options: { tty?: boolean }) {
    return this.hijack(`/exec/${encodeURIComponent(execId)}/start`, { body: { Detach: false, Tty: options.tty ?? false } });
  }

  startExecDetached(execId: string) {
    return this.callEmpty('POST', `/exec/${encodeURIComponent(execId)}/start`, { body: { Detach: true, Tty: false } });
  }

  inspectExec(execId: string) {
    return this.call('GET', `/exec/${encodeURIComponent(execId)}/json`, ExecInspectSchema);
  }

  resizeExec(execId: string, rows: number, columns: number) {
    return this.callEmpty('POST', `/exec/${encodeURIComponent(execId)}/resize`, { query: { h: rows, w: columns } });
  }

  inspectImage(name: string) {
    return this.call('GET', `/images/${name.split('/').map(encodeURIComponent).join('/')}/json`, z.record(z.string(), z.unknown()));
  }

  listImages(options: { all?: boolean } = {}) {
    return this.call('GET', '/images/json', z.array(ImageSummarySchema), { query: { all: options.all ? 1 : undefined } });
  }

  /** Pull progress, one message per JSON line; an `error` line is the pull's failure. */
  async pull(image: string, tag?: string) {
    const res = await this.stream('POST', '/images/create', { query: { fromImage: image, tag } });
    return jsonLines(res, ProgressMessageSchema);
  }

  async events(options: { since?: string; until?: string; filters?: Record<string, string[]> } = {}) {
    const res = await this.stream('GET', '/events', {
      query: { since: options.since, until: options.until, filters: options.filters ? JSON.stringify(options.filters) : undefined },
    });
    return jsonLines(res, EventMessageSchema);
  }
}
