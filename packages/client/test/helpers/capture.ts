// Runs skiff command lines against a fake engine with captured output, as the process would.
import { PassThrough } from 'node:stream';
import type { EngineClient } from '../../src';
import { runCli } from '../../src/cli/main';

export const NOW = new Date('2026-11-28T12:00:00Z');
export const seconds = (iso: string) => Date.parse(iso) / 1000;

export function capture(engine: Partial<EngineClient>, options: { stdin?: string; stdoutTTY?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  return async (...args: string[]) => {
    const stdout = Object.assign(new PassThrough(), { isTTY: options.stdoutTTY });
    const stderr = new PassThrough();
    const stdin = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    if (options.stdin !== undefined) stdin.end(options.stdin);
    const code = await runCli(['node', 'skiff', ...args], () => ({ engine: engine as EngineClient, stdout, stderr, stdin, env: options.env ?? {}, now: () => NOW }));
    return { code, stdout: out, stderr: err };
  };
}
