#!/usr/bin/env node
// Bundles a package's command-line entries into one file each, beside the entry
// (dist/cli/main.js -> dist/cli/main.bundle.js), plus a manifest (main.bundle.json) that
// @skiff/boot reads to tell whether the bundle still matches what tsc last built.
//
//   node tools/bundle.mjs <package-dir> <entry> [<entry>...]     (entries relative to the package)
//
// Why one file: Node's start-up cost of a binary is mostly resolving, reading and compiling a few
// hundred modules; one file compiled against a V8 code cache (see packages/boot) skips all three.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [pkgArg, ...entries] = process.argv.slice(2);
if (!pkgArg || entries.length === 0) {
  console.error('usage: node tools/bundle.mjs <package-dir> <entry> [<entry>...]');
  process.exit(2);
}
const pkgDir = path.resolve(pkgArg);

// Native addons load their .node file at run time; @skiff/boot holds the state warm() needs and
// is already loaded by the binary. Both stay ordinary requires.
const EXTERNAL = ['koffi', '@skiff/boot'];

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The directory of the package.json nearest above a file. */
function packageRootOf(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${file}`);
  }
}

const posix = (p) => p.split(path.sep).join('/');

/**
 * A bundled module that reads files beside itself (__dirname/__filename) would otherwise see the
 * bundle's directory. Each such module gets its own __dirname/__filename back, computed at run
 * time so it holds in the checkout and in an installed node_modules alike: relative to the bundle
 * for the bundled package's own files (its layout ships unchanged), and from the resolved
 * package for any other package (whose place depends on how npm laid out node_modules).
 */
function dirnamePlugin(bundleDir) {
  const requireFromBundle = createRequire(path.join(bundleDir, 'bundle.js'));
  return {
    name: 'skiff-dirname',
    setup(build) {
      build.onLoad({ filter: /\.(c?js)$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
        if (/\b(var|let|const)\s+__(dirname|filename)\b/.test(source)) return undefined;
        const modRoot = packageRootOf(args.path);
        let base;
        let rel;
        if (modRoot === pkgDir) {
          base = '__skiffBundleDir()';
          rel = posix(path.relative(bundleDir, args.path));
        } else {
          const name = JSON.parse(fs.readFileSync(path.join(modRoot, 'package.json'), 'utf8')).name;
          let main;
          try {
            main = fs.realpathSync(requireFromBundle.resolve(name));
          } catch (err) {
            throw new Error(`${args.path} uses __dirname and ${name} does not resolve from the bundle: ${err.message}`);
          }
          if (packageRootOf(main) !== fs.realpathSync(modRoot)) {
            throw new Error(`${args.path} uses __dirname but ${name} resolves to another copy (${main})`);
          }
          base = `__skiffPackageDir(${JSON.stringify(name)})`;
          rel = posix(path.relative(path.dirname(main), args.path));
        }
        const prologue =
          `var __filename = require("path").join(${base}, ${JSON.stringify(rel)}), ` +
          `__dirname = require("path").dirname(__filename);`;
        return { contents: prologue + source, loader: 'js' };
      });
    },
  };
}

/**
 * zod's entry points require all of its ~50 locales (`z.locales`) as they load; Skiff sets none,
 * and zod's default English messages come from the one locale it requires directly. In a bundle
 * the locales' index becomes a module holding that one: each binary's start-up no longer runs the
 * other ~50 (skiff-shim, which runs its plain build, does the same through require's cache).
 */
function englishOnlyZodLocales() {
  return {
    name: 'skiff-zod-locales',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.cjs$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(args.importer)) return undefined;
        return { path: path.join(args.resolveDir, '../locales/index.cjs'), namespace: 'skiff-zod-locales' };
      });
      build.onLoad({ filter: /.*/, namespace: 'skiff-zod-locales' }, (args) => ({
        contents: 'Object.defineProperty(exports, "__esModule", { value: true });\nexports.en = require("./en.cjs").default;\n',
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
    },
  };
}

/** What a bundle depends on besides itself, as files @skiff/boot compares before trusting it. */
function trackedFiles(inputs) {
  const tracked = new Set();
  for (const input of inputs) {
    // A module a plugin made up (namespace:path) has no file of its own; its package's files do.
    if (/^[\w-]+:/.test(input)) continue;
    const abs = fs.realpathSync(path.resolve(root, input));
    if (abs.split(path.sep).includes('node_modules')) {
      // Third-party code: any npm install rewrites the lock file npm keeps in node_modules.
      tracked.add(path.join(root, 'node_modules', '.package-lock.json'));
      continue;
    }
    const modRoot = packageRootOf(abs);
    const buildInfo = path.join(modRoot, 'dist', '.tsbuildinfo');
    // A TypeScript package changes only through tsc, which rewrites its build info; a plain
    // JavaScript package (protos) is its own output.
    tracked.add(fs.existsSync(buildInfo) ? buildInfo : abs);
  }
  return [...tracked].filter((f) => fs.existsSync(f)).sort();
}

for (const entry of entries) {
  const entryFile = path.resolve(pkgDir, entry);
  const bundleDir = path.dirname(entryFile);
  const name = path.basename(entryFile, '.js');
  const outfile = path.join(bundleDir, `${name}.bundle.js`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entryFile],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // Function declarations, hoisted, so the footer keeps the bundle's "use strict" first. A
    // package that npm nested where the bundle cannot resolve it keeps the bundle's directory,
    // which is what its module would see without the plugin.
    footer: {
      js:
        'function __skiffBundleDir() { return __dirname; }\n' +
        'function __skiffPackageDir(name) {\n' +
        '  try { return require("path").dirname(require.resolve(name)); } catch { return __dirname; }\n' +
        '}',
    },
    plugins: [englishOnlyZodLocales(), dirnamePlugin(bundleDir)],
    metafile: true,
    write: false,
    logLevel: 'warning',
    legalComments: 'none',
    // Whitespace and syntax only: names stay readable in stack traces. The smaller source is
    // held in every process's heap (a lazily compiled function needs it), ~3 MB less per shim.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // A binary starting meanwhile reads the old bundle or the new one, never half of one.
  fs.writeFileSync(`${outfile}.tmp`, result.outputFiles[0].contents);
  fs.renameSync(`${outfile}.tmp`, outfile);
  const manifest = {
    bundle: path.basename(outfile),
    sha256: sha256(outfile),
    tracked: trackedFiles(Object.keys(result.metafile.inputs)).map((file) => {
      const st = fs.statSync(file);
      return { path: posix(path.relative(bundleDir, file)), size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(file) };
    }),
  };
  // @skiff/boot keeps code caches in .cache beside the bundle; they are this machine's, not the
  // package's. (A nested .npmignore applies even though package.json lists "files".)
  fs.writeFileSync(path.join(bundleDir, '.npmignore'), '.cache/\n');
  const manifestFile = path.join(bundleDir, `${name}.bundle.json`);
  fs.writeFileSync(`${manifestFile}.tmp`, `${JSON.stringify(manifest, null, 1)}\n`);
  fs.renameSync(`${manifestFile}.tmp`, manifestFile);
  const kb = Math.round(fs.statSync(outfile).size / 1024);
  console.log(`bundle: ${path.relative(root, outfile)} (${kb} KiB, ${Object.keys(result.metafile.inputs).length} modules)`);
}
