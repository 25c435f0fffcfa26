#!/usr/bin/env node
// Package boundaries and import cycles, checked mechanically. Each package is one check for the
// allowed-imports rule and one for cycles; prints "N passed, N failed" like every suite here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rules = JSON.parse(fs.readFileSync(path.join(root, 'tools/boundaries.json'), 'utf8'));

function sourceFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const importPattern = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
let passed = 0;
let failed = 0;
const fail = (msg) => {
  failed++;
  console.log(`FAIL ${msg}`);
};

const packagesDir = path.join(root, 'packages');
for (const dir of fs.readdirSync(packagesDir).sort()) {
  const pkgFile = path.join(packagesDir, dir, 'package.json');
  if (!fs.existsSync(pkgFile)) continue;
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const allowed = rules[pkg.name];
  const src = path.join(packagesDir, dir, 'src');
  const files = sourceFiles(src);
  if (files.length === 0) continue;
  const problems = [];
  if (!allowed) problems.push(`${pkg.name} has no entry in tools/boundaries.json`);
  const declared = { ...pkg.dependencies, ...pkg.peerDependencies };
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1];
      const rel = path.relative(root, file);
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(src)) problems.push(`${rel} reaches outside its package: ${spec}`);
      } else if (spec.startsWith('@skiff/')) {
        const name = spec.split('/').slice(0, 2).join('/');
        if (allowed && !allowed.includes(name)) problems.push(`${rel} imports ${name}, not allowed for ${pkg.name}`);
        if (!declared[name]) problems.push(`${rel} imports ${name}, missing from ${pkg.name}'s dependencies`);
      }
    }
  }
  if (problems.length) problems.forEach((p) => fail(p));
  else {
    passed++;
    console.log(`ok   ${pkg.name}: imports within its boundary`);
  }
  const graph = await madge(src, { fileExtensions: ['ts'], tsConfig: path.join(packagesDir, dir, 'tsconfig.json') });
  const cycles = graph.circular();
  if (cycles.length) cycles.forEach((c) => fail(`${pkg.name}: import cycle ${c.join(' -> ')}`));
  else {
    passed++;
    console.log(`ok   ${pkg.name}: no import cycles`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
