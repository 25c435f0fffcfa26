// Credential helpers through their real protocol: a docker-credential-* program on PATH (here a
// small Node script keeping its credentials in a JSON file) that login stores into, pull and push
// read from, and logout erases from; config.json keeps only an empty `auths` entry, as docker's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eraseCredentials, registryAuthHeader, storeCredentials } from '../src/sdk/auth';
import { CredentialHelperError } from '../src/sdk/credential-helpers';
import { capture } from './helpers/capture';

const HELPER = `#!${process.execPath}
const fs = require('fs');
const file = process.env.SKIFF_TEST_KEYCHAIN;
const keychain = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const verb = process.argv[2];
  fs.appendFileSync(file + '.log', verb + ' ' + input + '\\n');
  if (verb === 'store') { const c = JSON.parse(input); keychain[c.ServerURL] = c; }
  else if (verb === 'erase') delete keychain[input];
  else if (verb === 'get') {
    if (!keychain[input]) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
    process.stdout.write(JSON.stringify(keychain[input]));
  }
  fs.writeFileSync(file, JSON.stringify(keychain));
});
`;

let dir: string;
let savedPath: string | undefined;
const decode = (header: string | undefined) => (header === undefined ? undefined : JSON.parse(Buffer.from(header, 'base64url').toString()));
const config = () => JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
const log = () => fs.readFileSync(path.join(dir, 'keychain.json.log'), 'utf8').trim().split('\n');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-creds-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  for (const name of ['docker-credential-testkeys', 'docker-credential-otherkeys']) fs.writeFileSync(path.join(dir, 'bin', name), HELPER, { mode: 0o755 });
  savedPath = process.env.PATH;
  process.env.PATH = `${path.join(dir, 'bin')}:${savedPath}`;
  process.env.SKIFF_TEST_KEYCHAIN = path.join(dir, 'keychain.json');
});
afterEach(() => {
  process.env.PATH = savedPath;
  delete process.env.SKIFF_TEST_KEYCHAIN;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('credsStore keeps the secret: store, the header pull sends, erase', () => {
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'testkeys' }));
  expect(storeCredentials(dir, 'localhost:5000', 'alice', 's3cret')).toEqual({ helper: 'testkeys' });
  expect(config()).toEqual({ credsStore: 'testkeys', auths: { 'localhost:5000': {} } });
  expect(decode(registryAuthHeader(dir, 'localhost:5000/app:1'))).toEqual({ username: 'alice', password: 's3cret', serveraddress: 'localhost:5000' });
  // A registry the helper has nothing for sends no credentials.
  expect(registryAuthHeader(dir, 'localhost:6000/app')).toBeUndefined();
  eraseCredentials(dir, 'localhost:5000');
  expect(registryAuthHeader(dir, 'localhost:5000/app')).toBeUndefined();
  expect(config().auths).toEqual({});
  expect(log()).toEqual(['store {"ServerURL":"localhost:5000","Username":"alice","Secret":"s3cret"}', 'get localhost:5000', 'get localhost:6000', 'erase localhost:5000', 'get localhost:5000']);
});

it('credHelpers names a helper per registry over credsStore; a "<token>" user is an identity token', () => {
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'testkeys', credHelpers: { 'reg.example:443': 'otherkeys' } }));
  storeCredentials(dir, 'reg.example:443', '<token>', 'tok-123');
  expect(decode(registryAuthHeader(dir, 'reg.example:443/team/app'))).toEqual({ identitytoken: 'tok-123', serveraddress: 'reg.example:443' });
  expect(log()).toEqual(['store {"ServerURL":"reg.example:443","Username":"<token>","Secret":"tok-123"}', 'get reg.example:443']);
});

it("a helper that is not installed is docker's error", () => {
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'missing' }));
  expect(() => registryAuthHeader(dir, 'localhost:5000/app')).toThrow(new CredentialHelperError('error getting credentials - err: exec: "docker-credential-missing": executable file not found in $PATH, out: ``'));
});

it('login through a helper prints no unencrypted-storage warning; logout erases', async () => {
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'testkeys' }));
  const skiff = capture({ auth: (async () => ({ Status: 'Login Succeeded' })) as never }, { env: { DOCKER_CONFIG: dir } });
  expect(await skiff('login', '-u', 'bob', '-p', 'pw', 'localhost:5000')).toEqual({
    code: 0,
    stdout: 'Login Succeeded\n',
    stderr: 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n',
  });
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'keychain.json'), 'utf8'))).toEqual({ 'localhost:5000': { ServerURL: 'localhost:5000', Username: 'bob', Secret: 'pw' } });
  expect(await skiff('logout', 'localhost:5000')).toEqual({ code: 0, stdout: 'Removing login credentials for localhost:5000\n', stderr: '' });
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'keychain.json'), 'utf8'))).toEqual({});
});
