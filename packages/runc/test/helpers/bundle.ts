import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSpec } from '@skiff/oci-spec';
import type { RuntimeConfig } from '@skiff/oci-spec';

export const runcBin = path.resolve(__dirname, '../../bin/skiff-runc');
export const isRoot = process.getuid?.() === 0;
export const haveBuild = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));
export const canRunContainers = isRoot && haveBuild && fs.existsSync('/bin/busybox');

let applets: string[] | undefined;

/** A rootfs made of the host's static busybox: small, and needs no network or registry. */
export function makeRootfs(dir: string): void {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  for (const d of ['proc', 'sys', 'dev', 'tmp', 'etc', 'root']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(dir, 'bin/busybox'));
  fs.chmodSync(path.join(dir, 'bin/busybox'), 0o755);
  applets ??= spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const applet of applets) {
    if (applet !== 'busybox') fs.symlinkSync('busybox', path.join(dir, 'bin', applet));
  }
  fs.writeFileSync(path.join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
  fs.writeFileSync(path.join(dir, 'etc/group'), 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n');
}

export interface TestBundle {
  dir: string;
  rootfs: string;
  config: RuntimeConfig;
  write(): void;
}

export function makeBundle(args: string[], mutate?: (config: RuntimeConfig) => void): TestBundle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-bundle-'));
  const rootfs = path.join(dir, 'rootfs');
  makeRootfs(rootfs);
  const config = defaultSpec();
  config.process!.terminal = false;
  config.process!.args = args;
  config.root = { path: 'rootfs', readonly: false };
  mutate?.(config);
  const bundle: TestBundle = {
    dir,
    rootfs,
    config,
    write: () => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2)),
  };
  bundle.write();
  return bundle;
}

/** A private --root per test file, and a helper that runs the CLI against it. */
export class RuncHarness {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-runc-root-'));
  private readonly bundles: string[] = [];
  private counter = 0;

  id(prefix = 'c'): string {
    return `skiff-test-${prefix}-${process.pid}-${++this.counter}`;
  }

  bundle(args: string[], mutate?: (config: RuntimeConfig) => void): TestBundle {
    const b = makeBundle(args, mutate);
    this.bundles.push(b.dir);
    return b;
  }

  /**
   * Runs the CLI with its stdout/stderr in files, not pipes: a detached container inherits the
   * CLI's stdio, and a pipe would keep spawnSync waiting until the container exits.
   */
  run(args: string[], opts: { input?: string; timeout?: number } = {}): { status: number | null; stdout: string; stderr: string } {
    const outFile = path.join(this.root, `.out-${process.pid}`);
    const errFile = path.join(this.root, `.err-${process.pid}`);
    const out = fs.openSync(outFile, 'w');
    const err = fs.openSync(errFile, 'w');
    try {
      const r = spawnSync(runcBin, ['--root', this.root, ...args], {
        input: opts.input ?? '',
        timeout: opts.timeout ?? 30_000,
        stdio: ['pipe', out, err],
      });
      return { status: r.status, stdout: fs.readFileSync(outFile, 'utf8'), stderr: fs.readFileSync(errFile, 'utf8') };
    } finally {
      fs.closeSync(out);
      fs.closeSync(err);
      fs.rmSync(outFile, { force: true });
      fs.rmSync(errFile, { force: true });
    }
  }

  ok(args: string[], opts: { input?: string; timeout?: number } = {}): string {
    const r = this.run(args, opts);
    if (r.status !== 0) throw new Error(`skiff-runc ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  state(id: string): { status: string; pid: number } {
    return JSON.parse(this.ok(['state', id])) as { status: string; pid: number };
  }

  /** Removes every container, bundle and the root itself, whatever state the test left them in. */
  cleanup(): void {
    const list = this.run(['list', '-q']);
    for (const id of (list.stdout ?? '').split('\n').filter(Boolean)) this.run(['delete', '--force', id]);
    fs.rmSync(this.root, { recursive: true, force: true });
    for (const dir of this.bundles) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function waitFor(check: () => boolean, timeoutMs = 10_000): void {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}
