#!/usr/bin/env node
// Each package must work when installed from its own tarball, as a user would get it from the
// registry: `npm pack` every package that has code, install the tarballs together in an empty
// project, then load each library and run each binary's --version.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-pack-'));
let passed = 0;
let failed = 0;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err.message.split('\n').slice(0, 5).join('\n')}`);
  }
}

try {
  // protos ships plain JS and .proto files, so it has no dist; packages/* ship their build.
  const packages = [
    path.join(root, 'protos'),
    ...fs
      .readdirSync(path.join(root, 'packages'))
      .map((dir) => path.join(root, 'packages', dir))
      .filter((dir) => fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'dist'))),
  ];
  const tarballs = [];
  const manifests = packages.map((dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')));
  for (const dir of packages) {
    const out = run('npm', ['pack', '--silent', '--pack-destination', work], dir).trim().split('\n').pop();
    tarballs.push(path.join(work, out));
  }
  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'skiff-pack-check', private: true }));
  check('the tarballs install together', () =>
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], project),
  );
  for (const manifest of manifests) {
    check(`${manifest.name} loads from its tarball`, () =>
      run('node', ['--single-threaded', '-e', `require(${JSON.stringify(manifest.name)})`], project),
    );
    for (const bin of Object.keys(manifest.bin ?? {})) {
      check(`${bin} runs from its tarball`, () => {
        const out = run(path.join(project, 'node_modules/.bin', bin), ['--version'], project);
        if (!out.includes(bin)) throw new Error(`unexpected --version output: ${out}`);
      });
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
