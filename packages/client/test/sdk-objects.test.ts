// The second slice of SDK calls against a fake daemon: registry auth headers from config.json,
// streamed uploads, and exact event times.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { EngineClient } from '../src';
import { FakeDaemon } from './helpers/fake-daemon';

describe('EngineClient second slice', () => {
  let daemon: FakeDaemon;
  beforeEach(async () => {
    daemon = new FakeDaemon();
    await daemon.listen();
  });
  afterEach(() => daemon.close());

  it('sends X-Registry-Auth from config.json auths on pull and push, and an empty object without', async () => {
    const configDir = path.join(daemon.dir, 'config');
    fs.mkdirSync(configDir);
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ auths: { 'localhost:5000': { auth: Buffer.from('bob:pw').toString('base64') } } }));
    const headers: Array<string | undefined> = [];
    const progress = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      headers.push(req.headers['x-registry-auth'] as string | undefined);
      res.end('{"status":"done"}\n');
    };
    daemon.routes.set('POST /v1.45/images/create', progress);
    daemon.routes.set('POST /v1.45/images/localhost:5000/bb/push', progress);
    const client = new EngineClient({ endpoint: { kind: 'unix', socketPath: daemon.socket }, configDir });
    for await (const _ of await client.pull('localhost:5000/bb', '1'));
    for await (const _ of await client.push('localhost:5000/bb', '1'));
    for await (const _ of await client.pull('busybox', 'latest'));
    const decoded = JSON.parse(Buffer.from(headers[0]!, 'base64url').toString());
    expect(decoded).toEqual({ username: 'bob', password: 'pw', serveraddress: 'localhost:5000' });
    expect(headers[1]).toBe(headers[0]);
    expect(headers[2]).toBe('e30=');
  });

  it('streams a tar body to load and keeps event nanoseconds exact', async () => {
    let received = '';
    daemon.routes.set('POST /v1.45/images/load', (req, res) => {
      req.on('data', (d: Buffer) => (received += d.toString()));
      req.on('end', () => res.end('{"stream":"Loaded image: x:1\\n"}\n'));
    });
    daemon.routes.set('GET /v1.45/events', (_req, res) =>
      res.end('{"Type":"container","Action":"start","Actor":{"ID":"a"},"time":1764331200,"timeNano":1764331200123456789}\n'),
    );
    const client = new EngineClient({ endpoint: { kind: 'unix', socketPath: daemon.socket } });
    const lines = [];
    for await (const line of await client.loadImages(Readable.from([Buffer.from('TAR'), Buffer.from('BODY')]), false)) lines.push(line);
    expect(received).toBe('TARBODY');
    expect(lines).toEqual([{ stream: 'Loaded image: x:1\n' }]);
    for await (const event of await client.events()) expect(event.timeNano).toBe('1764331200123456789');
  });
});
