// HTTP for the registry client, on node:http/https rather than the global fetch: uploads stream a
// request body of known length from a caller's stream (fetch needs `duplex: 'half'` and buffers
// nothing less awkwardly), extra CA certificates go into our own https.Agent (Node 20's fetch takes
// no agent without importing undici, whose current major needs Node 22), and following redirects
// ourselves lets us drop the Authorization header when a blob GET is sent on to storage elsewhere.
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable, pipeline } from 'node:stream';
import { canceled, unavailable, failedPrecondition, isSkiffError } from '@skiff/errors';

export interface TransportOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** A request fails when its socket sees no traffic for this long (headers or body). */
  idleTimeoutMs: number;
  maxRedirects: number;
  /** PEM certificates https trusts; undefined keeps Node's defaults. */
  ca?: string[];
}

export type Body = Buffer | Readable;

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  /** A Readable is sent as is (chunked unless headers give Content-Length); it cannot be replayed. */
  body?: Body;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Where the response came from, after redirects. */
  url: URL;
  body: http.IncomingMessage;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Go's wording for failed requests ("Get \"http://...\": connect ECONNREFUSED ..."), as Docker shows them. */
export function describeRequest(method: string, url: URL): string {
  return `${method.charAt(0)}${method.slice(1).toLowerCase()} "${url.href}"`;
}

export class HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: TransportOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true });
    this.httpsAgent = new https.Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) });
  }

  /** Sends a request, following redirects for GET and HEAD; resolves once headers arrive. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    let url = request.url;
    let headers = { ...request.headers };
    for (let hops = 0; ; hops++) {
      const res = await this.once({ ...request, url, headers });
      const location = res.headers.location;
      const followable = request.method === 'GET' || request.method === 'HEAD';
      if (!followable || !REDIRECTS.has(res.status) || location === undefined) return res;
      res.body.resume();
      if (hops >= this.options.maxRedirects) {
        throw unavailable(`${describeRequest(request.method, request.url)}: stopped after ${hops} redirects`);
      }
      const next = new URL(location, url);
      // Credentials for the registry must not reach the storage it redirects to (a signed URL
      // carries its own authorisation, and S3 rejects requests with two).
      if (next.origin !== url.origin) {
        const { authorization: _dropped, ...rest } = headers;
        headers = rest;
      }
      url = next;
    }
  }

  private once(request: HttpRequest & { headers: Record<string, string> }): Promise<HttpResponse> {
    const { url, method, body, signal } = request;
    const what = describeRequest(method, url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') return Promise.reject(failedPrecondition(`${what}: unsupported protocol scheme`));
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, ...request.headers };
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    else if (body === undefined && (method === 'PUT' || method === 'POST' || method === 'PATCH')) headers['content-length'] = '0';
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      const req = (isHttps ? https : http).request(url, {
        method,
        headers,
        agent: isHttps ? this.httpsAgent : this.httpAgent,
        ...(signal ? { signal } : {}),
      });
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => req.destroy(unavailable(`${what}: dial timeout after ${this.options.connectTimeoutMs} ms`)),
          this.options.connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.setTimeout(this.options.idleTimeoutMs, () =>
        req.destroy(unavailable(`${what}: no response for ${this.options.idleTimeoutMs} ms`)),
      );
      req.on('error', (err) => fail(toTransportError(err, what, signal)));
      req.on('response', (res) => {
        settled = true;
        // Errors after the headers (a reset mid-body) surface on the body stream, worded the same.
        res.on('error', () => undefined);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res });
      });
      if (body === undefined || Buffer.isBuffer(body)) {
        req.end(body);
      } else {
        pipeline(body, req, (err) => {
          if (err) req.destroy(err);
        });
      }
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function toTransportError(err: Error, what: string, signal: AbortSignal | undefined): Error {
  if (isSkiffError(err)) return err;
  if (signal?.aborted || err.name === 'AbortError') return canceled(`${what}: context canceled`, { cause: err });
  return unavailable(`${what}: ${err.message}`, { cause: err });
}

/** Reads a whole body, refusing more than `limit` bytes (manifests and error bodies are small). */
export async function readBody(res: HttpResponse, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        res.body.destroy();
        throw failedPrecondition(`${what}: response larger than ${limit} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (isSkiffError(err)) throw err;
    throw unavailable(`${what}: ${(err as Error).message}`, { cause: err });
  }
  return Buffer.concat(chunks);
}

/** Discards a body so its connection can be reused. */
export function discard(res: HttpResponse): void {
  res.body.resume();
}
