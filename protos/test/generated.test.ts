// generated/ must be exactly what scripts/generate.mjs makes from the protos of this commit, and it
// must compile under the repository's strict settings, since components import it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const protoRoot = path.resolve(__dirname, '..');
const committed = path.join(protoRoot, 'generated');
const fix = 'run `npm run generate -w @skiff/protos` and commit protos/generated/';

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

describe('generated/', () => {
  let tmp: string;
  let fresh: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-protos-gen-'));
    fresh = path.join(tmp, 'generated');
    const r = spawnSync(process.execPath, [path.join(protoRoot, 'scripts/generate.mjs'), '--out', fresh], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`generate.mjs failed: ${r.stderr}${r.stdout}`);
  }, 60_000);

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('has one file for each type the protos define, and no leftovers', () => {
    const want = listFiles(fresh);
    const have = listFiles(committed);
    const missing = want.filter((f) => !have.includes(f));
    const extra = have.filter((f) => !want.includes(f));
    if (missing.length || extra.length) {
      throw new Error(`generated/ is stale (${fix}).\nmissing: ${missing.join(', ')}\nleftover: ${extra.join(', ')}`);
    }
    expect(want.length).toBeGreaterThan(100);
  });

  test('every committed file equals a fresh generation', () => {
    const differ = listFiles(fresh).filter(
      (f) =>
        !fs.existsSync(path.join(committed, f)) ||
        !fs.readFileSync(path.join(committed, f)).equals(fs.readFileSync(path.join(fresh, f))),
    );
    if (differ.length) throw new Error(`generated/ is stale (${fix}); differing: ${differ.join(', ')}`);
  });

  test('has a root file (ProtoGrpcType) per proto, and a type file per service', () => {
    for (const name of ['shim', 'containers', 'tasks', 'events', 'version', 'content', 'images', 'snapshots']) {
      expect(fs.readFileSync(path.join(committed, `${name}.ts`), 'utf8')).toContain('export interface ProtoGrpcType');
    }
    expect(fs.existsSync(path.join(committed, 'skiff/shim/v1/Task.ts'))).toBe(true);
    expect(fs.existsSync(path.join(committed, 'skiff/containerd/services/tasks/v1/Tasks.ts'))).toBe(true);
  });

  test('type-checks with the repository settings (strict, noUnusedLocals), with the tests and index.d.ts', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(protoRoot, 'tsconfig.json')], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
