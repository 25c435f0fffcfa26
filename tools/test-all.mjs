#!/usr/bin/env node
// The test command: every suite in turn, then one line "N passed, N failed" summed over all of them,
// so a run that executed no test is visible. Suites that need root skip themselves when not root.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

function countLine(output) {
  const lines = output.trim().split('\n').reverse();
  for (const line of lines) {
    const m = /^(\d+) passed, (\d+) failed/.exec(line.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]) };
  }
  return undefined;
}

const suites = [
  {
    name: 'boundaries',
    run: () => spawnSync('node', ['tools/check-boundaries.mjs'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }),
    parse: (r) => countLine(r.stdout),
  },
  {
    name: 'pack',
    run: () => spawnSync('node', ['tools/check-pack.mjs'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }),
    parse: (r) => countLine(r.stdout),
  },
  {
    name: 'jest',
    run: () => {
      const out = path.join(os.tmpdir(), `skiff-jest-${process.pid}.json`);
      const r = spawnSync('npx', ['jest', '--ci', '--json', `--outputFile=${out}`], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        encoding: 'utf8',
      });
      r.report = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : undefined;
      fs.rmSync(out, { force: true });
      return r;
    },
    parse: (r) =>
      r.report && {
        passed: r.report.numPassedTests,
        failed: r.report.numFailedTests + (r.report.numRuntimeErrorTestSuites ?? 0),
        skipped: r.report.numPendingTests,
      },
  },
  {
    name: 'fork-stress',
    run: () =>
      spawnSync('node', ['--single-threaded', 'packages/runc/test/stress/fork-stress.js'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
      }),
    parse: (r) => countLine(r.stdout),
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name}`);
  const result = suite.run();
  if (result.stdout) process.stdout.write(result.stdout);
  const counts = suite.parse(result);
  if (!counts) {
    console.log(`${suite.name}: no test count found (exit ${result.status}); counted as one failure`);
    failed++;
    continue;
  }
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped ?? 0;
  console.log(`=== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
