#!/usr/bin/env node
// Regenerates the TypeScript types in generated/ from every .proto under skiff/, with
// proto-loader-gen-types and the same options index.js loads with. One command, no arguments:
//
//   npm run generate -w @skiff/protos        (or: node protos/scripts/generate.mjs)
//
// `--out DIR` writes elsewhere (the staleness test uses it). The output directory is replaced
// whole, so types of removed messages do not linger.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const protoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { protoFiles } = require(path.join(protoRoot, 'index.js'));

// Mirrors index.js loaderOptions: the generated types describe exactly what loadPackageDefinition
// decodes (64-bit integers as strings, enums as their names, defaults filled in, oneof names).
const generatorArgs = [
  '--longs=String',
  '--enums=String',
  '--defaults',
  '--oneofs',
  '--includeComments',
  '--grpcLib=@grpc/grpc-js',
];

function parseArgs(argv) {
  let out = path.join(protoRoot, 'generated');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = path.resolve(argv[++i]);
    else throw new Error(`usage: generate.mjs [--out DIR] (unexpected argument ${argv[i]})`);
  }
  return { out };
}

// The root file of a proto without services (generated/mount.ts...) declares a grpc import and a
// helper type it never uses, which fails a consumer's noUnusedLocals when it imports the file.
// Drop exactly those two declarations when unused; everything else is the generator's output.
function tidyRootFile(file) {
  let text = fs.readFileSync(file, 'utf8');
  if (!/\bgrpc\./.test(text)) text = text.replace("import type * as grpc from '@grpc/grpc-js';\n", '');
  const helper =
    'type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {\n' +
    '  new(...args: ConstructorParameters<Constructor>): Subtype;\n};\n\n';
  if (text.split('SubtypeConstructor').length === 2) text = text.replace(helper, '');
  fs.writeFileSync(file, text);
}

// The parsed form of every .proto, read by index.js's loadAllGrpcObject instead of the .proto text.
const DESCRIPTORS_FILE = 'descriptors.json';

/**
 * Parses the protos the way proto-loader does (its own loader, so imports, the well-known types
 * and keepCase come out the same) and writes protobufjs's JSON form of the result.
 */
function writeDescriptors(files, target) {
  const { loadProtosWithOptionsSync } = require('@grpc/proto-loader/build/src/util');
  const root = loadProtosWithOptionsSync(files, { keepCase: false, includeDirs: [protoRoot] });
  fs.writeFileSync(target, `${JSON.stringify(root.toJSON(), null, 1)}\n`);
}

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const files = protoFiles();
  if (files.length === 0) throw new Error(`no .proto files under ${protoRoot}/skiff`);

  // The generator writes one root file per proto basename (generated/<name>.ts) and merges
  // protos that share a basename into it: keep basenames unique instead.
  const byBase = new Map();
  for (const file of files) {
    const base = path.basename(file);
    if (byBase.has(base)) throw new Error(`two protos named ${base}: ${byBase.get(base)} and ${file}; rename one`);
    byBase.set(base, file);
  }

  // Generate beside the target, then swap it in: a failed run leaves the old output intact.
  const staging = `${out}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const bin = require.resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
  // Relative paths (cwd = protoRoot, include dir ".") keep "// Original file:" comments the
  // same on every machine.
  const result = spawnSync(process.execPath, [bin, ...generatorArgs, '-I', '.', '--outDir', staging, ...files], {
    cwd: protoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`proto-loader-gen-types failed (${result.status}):\n${result.stderr}${result.stdout}`);
  }
  if (result.stderr.trim()) process.stderr.write(result.stderr);
  for (const file of fs.readdirSync(staging)) if (file.endsWith('.ts')) tidyRootFile(path.join(staging, file));
  writeDescriptors(files, path.join(staging, DESCRIPTORS_FILE));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.renameSync(staging, out);
  const count = fs.readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.ts')).length;
  console.log(`generated ${count} files from ${files.length} protos into ${path.relative(process.cwd(), out) || '.'}`);
}

try {
  main();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
