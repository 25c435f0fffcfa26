import { transformFileSync } from '@swc/core';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandOf, load } from '../src/index';

// A package as the build leaves it: dist/cli/main.js (tsc), main.bundle.js and its manifest
// (tools/bundle.mjs), dist/.tsbuildinfo (tracked by the manifest).
let root: string;
let entry: string;
let cacheDir: string;
let counter = 0;

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

function writeBundle(source: string, tracked = [path.join(root, 'dist', '.tsbuildinfo')]): void {
  const dir = path.dirname(entry);
  fs.writeFileSync(path.join(dir, 'main.bundle.js'), source);
  const manifest = {
    bundle: 'main.bundle.js',
    sha256: sha256(source),
    tracked: tracked.map((file) => {
      const st = fs.statSync(file);
      return { path: path.relative(dir, file), size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(fs.readFileSync(file)) };
    }),
  };
  fs.writeFileSync(path.join(dir, 'main.bundle.json'), JSON.stringify(manifest));
}

// Each load runs the bundle again; a counter in the source makes every fixture a new bundle.
const bundleSource = () =>
  `exports.kind = 'bundle'; exports.n = ${counter++};
   exports.dirname = __dirname; exports.filename = __filename; exports.isMain = require.main === module;
   exports.mainFile = require.main ? require.main.filename : '';
   exports.sibling = require('./sibling.js'); exports.resolved = require.resolve('./sibling.js');
   exports.cached = require.cache[__filename] === module;`;

const kindOf = (options = { cacheDir }) => (load(entry, options) as { kind: string }).kind;
const cacheFiles = (dir = cacheDir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-boot-'));
  fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist', '.tsbuildinfo'), '{"version":"1"}');
  entry = path.join(root, 'dist', 'cli', 'main.js');
  fs.writeFileSync(entry, "exports.kind = 'plain';");
  fs.writeFileSync(path.join(root, 'dist', 'cli', 'sibling.js'), "module.exports = 'sibling';");
  cacheDir = path.join(root, 'cache');
  writeBundle(bundleSource());
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  delete process.env.SKIFF_NO_BUNDLE;
});

describe('which file runs', () => {
  it('runs a fresh bundle as Node runs a CommonJS file', () => {
    const m = load(entry, { cacheDir }) as Record<string, unknown>;
    // require.cache is checked in a child: jest gives createRequire its own.
    expect(m).toMatchObject({ kind: 'bundle', sibling: 'sibling', isMain: false });
    expect(m.dirname).toBe(path.dirname(entry));
    expect(m.filename).toBe(path.join(path.dirname(entry), 'main.bundle.js'));
    expect(m.resolved).toBe(path.join(path.dirname(entry), 'sibling.js'));
  });

  it('takes the plain entry once tsc rewrote a tracked file', () => {
    fs.writeFileSync(path.join(root, 'dist', '.tsbuildinfo'), '{"version":"22"}');
    expect(kindOf()).toBe('plain');
  });

  it('takes the plain entry when a tracked file changed in content but not in size', () => {
    const file = path.join(root, 'dist', '.tsbuildinfo');
    fs.writeFileSync(file, '{"version":"2"}');
    fs.utimesSync(file, new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect(kindOf()).toBe('plain');
  });

  it('keeps the bundle when only the mtime changed (an npm install, an identical rebuild)', () => {
    const file = path.join(root, 'dist', '.tsbuildinfo');
    fs.utimesSync(file, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(kindOf()).toBe('bundle');
  });

  it('ignores tracked files this layout does not have (other packages in an installed node_modules)', () => {
    const other = path.join(root, 'other.tsbuildinfo');
    fs.writeFileSync(other, 'x');
    writeBundle(bundleSource(), [path.join(root, 'dist', '.tsbuildinfo'), other]);
    fs.rmSync(other);
    expect(kindOf()).toBe('bundle');
  });

  it('takes the plain entry without a manifest, with a broken bundle, or when told to', () => {
    process.env.SKIFF_NO_BUNDLE = '1';
    expect(kindOf()).toBe('plain');
    delete process.env.SKIFF_NO_BUNDLE;
    writeBundle('exports.kind = ;');
    expect(kindOf()).toBe('plain');
    fs.rmSync(path.join(path.dirname(entry), 'main.bundle.json'));
    expect(kindOf()).toBe('plain');
  });
});

// V8 reuses a script compiled earlier in the same isolate without looking at the cached data,
// so what happens to a cache is watched in fresh processes, as the binaries run.
describe('the code cache', () => {
  let bootJs: string;
  beforeAll(() => {
    bootJs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-boot-src-')), 'boot.js');
    const { code } = transformFileSync(path.join(__dirname, '..', 'src', 'index.ts'), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    fs.writeFileSync(bootJs, code);
  });
  afterAll(() => fs.rmSync(path.dirname(bootJs), { recursive: true, force: true }));

  /**
   * A binary's life: load the entry, then (if a server) warm(), then exit. A script file, as a
   * bin is: `node -e` would put the script in execArgv, which is part of the cache key.
   */
  function child(opts: { warm: boolean; cacheDir?: string; variant?: string; env?: NodeJS.ProcessEnv; print?: string }): string {
    const script = path.join(root, 'bin.js');
    fs.writeFileSync(
      script,
      `const boot = require(${JSON.stringify(bootJs)});` +
        `const m = boot.load(${JSON.stringify(entry)}, ${JSON.stringify({ ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}), ...(opts.variant ? { variant: opts.variant } : {}) })});` +
        `${opts.warm ? 'boot.warm();' : ''} process.stdout.write(${opts.print ?? 'm.kind'});`,
    );
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      env: { ...process.env, SKIFF_CODE_CACHE_DIR: undefined, SKIFF_NO_BUNDLE: undefined, ...opts.env },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  }

  it('runs the bundle as Node runs a CommonJS file: own module in require.cache, require.main', () => {
    const m = JSON.parse(child({ warm: false, cacheDir, print: 'JSON.stringify(m)' }));
    expect(m).toMatchObject({ kind: 'bundle', cached: true, isMain: false, mainFile: path.join(root, 'bin.js'), sibling: 'sibling' });
  });
  const cacheFile = (dir = cacheDir) => path.join(dir, cacheFiles(dir)[0] ?? 'none');
  const header = () => String.fromCharCode(fs.readFileSync(cacheFile())[0]);

  it('is written at exit when missing, replaced at the first warm(), then left alone', () => {
    expect(child({ warm: false, cacheDir })).toBe('bundle');
    expect(header()).toBe('E');
    expect(child({ warm: true, cacheDir })).toBe('bundle');
    expect(header()).toBe('W');
    const written = fs.readFileSync(cacheFile());
    expect(child({ warm: true, cacheDir })).toBe('bundle');
    expect(child({ warm: false, cacheDir })).toBe('bundle');
    expect(fs.readFileSync(cacheFile())).toEqual(written);
  });

  it('falls back to a plain compile when corrupt or rejected, and is rewritten', () => {
    child({ warm: true, cacheDir });
    const file = cacheFile();
    const good = fs.readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[20] ^= 0xff;
    for (const bad of [Buffer.from('W garbage that V8 rejects'), Buffer.from('no header'), Buffer.alloc(0), flipped]) {
      fs.writeFileSync(file, bad);
      expect(child({ warm: true, cacheDir })).toBe('bundle');
      const rewritten = fs.readFileSync(file);
      expect(rewritten.length).toBeGreaterThan(100);
      expect(String.fromCharCode(rewritten[0])).toBe('W');
    }
  });

  it('is kept apart per set of Node flags, which V8 checks', () => {
    child({ warm: true, cacheDir });
    child({ warm: true, cacheDir, env: { NODE_OPTIONS: '--max-old-space-size=300' } });
    expect(cacheFiles()).toHaveLength(1); // earlier caches of the same bundle are removed
    const names = new Set([cacheFiles()[0]]);
    child({ warm: true, cacheDir });
    names.add(cacheFiles()[0]);
    expect(names.size).toBe(2);
  });

  it('replaces the cache of an earlier build of the bundle', () => {
    child({ warm: true, cacheDir });
    const [first] = cacheFiles();
    writeBundle(bundleSource());
    child({ warm: true, cacheDir });
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()[0]).not.toBe(first);
  });

  it('keeps one cache per command of a command-line binary, the most recent twelve', () => {
    expect(child({ warm: false, cacheDir, variant: 'create' })).toBe('bundle');
    expect(child({ warm: false, cacheDir, variant: 'start' })).toBe('bundle');
    expect(child({ warm: false, cacheDir })).toBe('bundle');
    const names = cacheFiles();
    expect(names).toHaveLength(3);
    expect([names.some((f) => f.endsWith('-create.v8')), names.some((f) => f.endsWith('-start.v8')), names.some((f) => /-[0-9a-f]{16}\.v8$/.test(f))]).toEqual([true, true, true]);
    const create = fs.readFileSync(path.join(cacheDir, cacheFiles().find((f) => f.endsWith('-create.v8'))!));
    expect(child({ warm: false, cacheDir, variant: 'create' })).toBe('bundle');
    expect(fs.readFileSync(path.join(cacheDir, cacheFiles().find((f) => f.endsWith('-create.v8'))!))).toEqual(create);
    for (let i = 0; i < 14; i++) child({ warm: false, cacheDir, variant: `verb${i}` });
    expect(cacheFiles()).toHaveLength(12);
    expect(cacheFiles()).toContain(cacheFiles().find((f) => f.endsWith('-verb13.v8')));
    // A new build of the bundle drops every variant of the old one.
    writeBundle(bundleSource());
    child({ warm: false, cacheDir, variant: 'create' });
    expect(cacheFiles()).toEqual([expect.stringMatching(/-create\.v8$/)]);
  });

  it('names a command by the first word that looks like one', () => {
    expect(commandOf(['node', 'skiff-runc', '--root', '/run/x', '--log-format', 'json', 'create', 'c1'])).toBe('json');
    expect(commandOf(['node', 'skiff-runc', '--root', '/run/x', '--log-format', 'json', '--debug', 'create', 'c1'], ['--root', '--log-format'])).toBe('create');
    expect(commandOf(['node', 'skiff', '-H', 'unix:///x.sock', 'ps', '-a'])).toBe('ps');
    expect(commandOf(['node', 'skiff', '--version'])).toBeUndefined();
  });

  it('never fails the program when its directory cannot be written', () => {
    const blocker = path.join(root, 'a-file');
    fs.writeFileSync(blocker, '');
    expect(child({ warm: true, cacheDir: path.join(blocker, 'cache') })).toBe('bundle');
    expect(child({ warm: false, cacheDir: path.join(blocker, 'cache') })).toBe('bundle');
  });

  it('goes to the user cache when the bundle directory has no room for one', () => {
    const xdg = path.join(root, 'xdg');
    fs.writeFileSync(path.join(path.dirname(entry), '.cache'), 'not a directory');
    expect(child({ warm: true, env: { XDG_CACHE_HOME: xdg } })).toBe('bundle');
    expect(cacheFiles(path.join(xdg, 'skiff', 'code-cache'))).toHaveLength(1);
  });

  it('goes beside the bundle when it can', () => {
    expect(child({ warm: true })).toBe('bundle');
    expect(cacheFiles(path.join(path.dirname(entry), '.cache'))).toHaveLength(1);
  });
});
