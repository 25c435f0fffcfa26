// The real docker CLI's login against skiffd, with Debian's registry on 127.0.0.1 behind
// htpasswd Basic auth: the right password logs in, a wrong one is refused with Docker's message.
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';
import { useRegistry } from '../../../containerd/test/helpers/registry/registry';

const hasTools = fs.existsSync('/usr/bin/docker-registry') && spawnSync('htpasswd', ['-h']).error === undefined;
const describeRoot = canRunSkiffd && hasTools ? describe : describe.skip;

describeRoot('docker login against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const registry = useRegistry(() => ({ kind: 'htpasswd', users: { skiff: 'sesame' } }));

  beforeAll(async () => {
    h.spare(registry().pid);
    await h.start();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('logs in with the right password and refuses a wrong one', async () => {
    const host = registry().host;
    const ok = await h.docker(['login', '-u', 'skiff', '--password-stdin', host], { input: 'sesame\n' });
    expect(ok.stdout).toContain('Login Succeeded');
    expect(ok.code).toBe(0);
    const wrong = await h.docker(['login', '-u', 'skiff', '--password-stdin', host], { input: 'wrong\n' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`login attempt to http://${host}/v2/ failed with status: 401 Unauthorized`);
  });

  it('answers the API with Docker\'s shape', async () => {
    const r = await h.request('POST', '/auth', { username: 'skiff', password: 'sesame', serveraddress: registry().host });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ Status: 'Login Succeeded', IdentityToken: '' });
    expect((await h.request('POST', '/auth', { username: 'skiff', password: 'nope', serveraddress: registry().host })).status).toBe(401);
  });
});
