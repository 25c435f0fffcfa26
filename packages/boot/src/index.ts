// Starts a Skiff binary. Most of a Node binary's start-up is resolving, reading and compiling a
// few hundred modules; the build bundles each entry into one file (tools/bundle.mjs), and this
// compiles that file against a V8 code cache made after a previous run had warmed up, so the
// functions the start-up path needs come back compiled. Whenever the bundle cannot be trusted
// (stale against what tsc last built, missing, unreadable) the plain entry is required instead,
// exactly as the binaries did before bundles existed.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** A file the bundle was built from (or stands for such files), as it was at bundling time. */
interface Tracked {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** `<entry>.bundle.json`, written by tools/bundle.mjs beside the bundle. */
interface Manifest {
  bundle: string;
  sha256: string;
  tracked: Tracked[];
}

/**
 * The compiled bundle and what its cache file holds: nothing usable, a cache written at the exit
 * of a one-shot command (e.g. `--version`, which compiled little), or one written by warm().
 */
interface Loaded {
  script: vm.Script;
  file: string;
  prefix: string;
  /** The start of every cache file name of this build of the bundle, whatever the variant. */
  build: string;
  pid: number;
  cache: 'none' | 'exit' | 'warm';
}

// The first byte of a cache file says which of the two wrote it; V8's data follows.
const WRITTEN_AT = { exit: 0x45, warm: 0x57 } as const;

export interface LoadOptions {
  /** Where code caches go; default: SKIFF_CODE_CACHE_DIR, else the first usable of cacheDirs(). */
  cacheDir?: string;
  /**
   * A command-line binary's command (commandOf(argv)): each gets a cache of its own, since a
   * cache holds only what the run that wrote it compiled.
   */
  variant?: string;
}

/** How many variants of one build keep a cache; the least recently written go first. */
const MAX_VARIANTS = 12;

/**
 * The first word of a command line (after node and the script) that looks like a command name
 * (`create`, `ps`), skipping the values of the global flags in `valueFlags` (`--root DIR`): a
 * cache variant.
 */
export function commandOf(argv: string[], valueFlags: readonly string[] = []): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (valueFlags.includes(args[i]!)) i++;
    else if (/^[a-z][a-z0-9-]{0,31}$/.test(args[i]!)) return args[i];
  }
  return undefined;
}

// Shared through the global object, so a second copy of this package (npm may nest one) still
// sees what the first one loaded.
const state: { loaded?: Loaded; atExit?: boolean } = ((globalThis as Record<symbol, unknown>)[Symbol.for('@skiff/boot')] ??= {}) as {
  loaded?: Loaded;
  atExit?: boolean;
};

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/**
 * The module of a binary's entry (e.g. `<package>/dist/cli/main.js`): its bundle
 * (`main.bundle.js`) when the manifest beside it says the bundle matches the build, else the
 * entry itself. SKIFF_NO_BUNDLE=1 always takes the entry.
 */
export function load(entry: string, options: LoadOptions = {}): unknown {
  entry = path.resolve(entry);
  const bundled = process.env.SKIFF_NO_BUNDLE === '1' ? undefined : prepare(entry, options);
  return bundled ? bundled() : require(entry);
}

/**
 * The server is warm (listening, its start-up done): unless the code cache already came from
 * such a moment, write one now, holding every function compiled so far. Servers call it once
 * ready; a no-op when the plain entry was loaded.
 */
export function warm(): void {
  writeCache('warm');
}

/** At exit, a cache is written only where there was none usable. */
function atExit(): void {
  if (state.loaded?.cache === 'none') writeCache('exit');
}

function writeCache(at: 'exit' | 'warm'): void {
  const loaded = state.loaded;
  // A child forked (by koffi's fork) from the process that loaded the bundle shares its state.
  if (!loaded || loaded.pid !== process.pid || loaded.cache === 'warm') return;
  loaded.cache = 'warm';
  const tmp = `${loaded.file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.of(WRITTEN_AT[at]), loaded.script.createCachedData()]), { mode: 0o644 });
    fs.renameSync(tmp, loaded.file);
    // Caches of earlier builds of the same bundle are dead weight; so are variants beyond the
    // most recent few.
    const dir = path.dirname(loaded.file);
    const mine = path.basename(loaded.file);
    const variants: Array<{ name: string; mtimeMs: number }> = [];
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(loaded.prefix) || !name.endsWith('.v8') || name === mine) continue;
      if (!name.startsWith(loaded.build)) fs.rmSync(path.join(dir, name), { force: true });
      else variants.push({ name, mtimeMs: fs.statSync(path.join(dir, name)).mtimeMs });
    }
    variants.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { name } of variants.slice(MAX_VARIANTS - 1)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
  }
}

/**
 * Where code caches may go, best first: beside the bundle (shared by every user who runs this
 * copy; writable by whoever built or installed it), the user's XDG cache (a root-owned global
 * install run by another user), a private directory in the temporary directory (no home).
 */
function cacheDirs(bundleDir: string): string[] {
  const dirs = [path.join(bundleDir, '.cache')];
  const home = os.homedir();
  const xdg = process.env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : '');
  if (xdg) dirs.push(path.join(xdg, 'skiff', 'code-cache'));
  dirs.push(path.join(os.tmpdir(), `skiff-code-cache-${process.getuid?.() ?? 'user'}`));
  return dirs;
}

/** Compiles the bundle of entry and returns the function that runs it, or undefined to fall back. */
function prepare(entry: string, options: LoadOptions): (() => unknown) | undefined {
  try {
    const dir = path.dirname(entry);
    const name = path.basename(entry, '.js');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, `${name}.bundle.json`), 'utf8')) as Manifest;
    if (!isFresh(dir, manifest)) return undefined;
    const bundle = path.join(dir, manifest.bundle);
    const source = fs.readFileSync(bundle, 'utf8');
    const st = fs.statSync(bundle);
    const chosen = options.cacheDir ?? process.env.SKIFF_CODE_CACHE_DIR;
    const cacheDir = (chosen ? [chosen] : cacheDirs(dir)).find(usable);
    // V8 rejects a cache made by another Node or under other flags; the key keeps such caches
    // apart instead of letting them replace each other. V8 only checks the source's length, so
    // the bundle's identity is in the key too.
    const prefix = `${name}-${sha256(bundle).slice(0, 8)}-`;
    const key = sha256(
      [manifest.sha256, st.size, st.mtimeMs, process.version, process.arch, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('\n'),
    ).slice(0, 16);
    const variant = options.variant && /^[a-z0-9][a-z0-9-]{0,31}$/.test(options.variant) ? `-${options.variant}` : '';
    const file = cacheDir ? path.join(cacheDir, `${prefix}${key}${variant}.v8`) : undefined;
    let data: Buffer | undefined;
    try {
      if (file) data = fs.readFileSync(file);
    } catch {
      data = undefined;
    }
    const writtenAt = data?.[0] === WRITTEN_AT.warm ? 'warm' : data?.[0] === WRITTEN_AT.exit ? 'exit' : undefined;
    const cachedData = writtenAt ? data?.subarray(1) : undefined;
    const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
    if (file) {
      const cache = !writtenAt || script.cachedDataRejected ? 'none' : writtenAt;
      state.loaded = { script, file, prefix, build: `${prefix}${key}`, pid: process.pid, cache };
      if (cache === 'none' && !state.atExit) {
        state.atExit = true;
        process.once('exit', atExit);
      }
    }
    return () => run(script, bundle);
  } catch {
    return undefined;
  }
}

/** Runs the compiled bundle as Node runs a CommonJS file: own module, require, __dirname. */
function run(script: vm.Script, filename: string): unknown {
  const fn = script.runInThisContext({ displayErrors: true }) as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const mod = new Module(filename, require.main);
  mod.filename = filename;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
  const req = createRequire(filename);
  req.cache[filename] = mod;
  fn.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  mod.loaded = true;
  return mod.exports;
}

/**
 * Whether every file the bundle tracks is as it was at bundling time. Size and mtime first (one
 * stat each); a changed mtime alone (npm sets every packed file's mtime to 1985, a rebuild may
 * rewrite identical build info) is settled by the content hash. A tracked file that does not
 * exist here is not part of this layout (another package's build info in an installed
 * node_modules lives elsewhere).
 */
function isFresh(dir: string, manifest: Manifest): boolean {
  for (const t of manifest.tracked) {
    const file = path.resolve(dir, t.path);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.size !== t.size) return false;
    if (st.mtimeMs !== t.mtimeMs && sha256(fs.readFileSync(file)) !== t.sha256) return false;
  }
  return true;
}

/** A cache directory this process can create and write; the one in tmp must be its own alone. */
function usable(dir: string): boolean {
  try {
    const shared = dir.startsWith(os.tmpdir() + path.sep);
    fs.mkdirSync(dir, { recursive: true, mode: shared ? 0o700 : 0o755 });
    fs.accessSync(dir, fs.constants.W_OK);
    if (!shared) return true;
    // Anyone can create that name first; a cache someone else can write is code they choose.
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
