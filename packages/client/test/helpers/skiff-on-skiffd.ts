// The skiff CLI run as a child against a SkiffdHarness's socket, as the skiffd integration tests
// drive it: output captured, a hung command killed after 30 s with what it printed so far.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { RunResult, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';

export const skiffBin = path.resolve(__dirname, '../../bin/skiff');

export function skiffOnSkiffd(h: SkiffdHarness): { env: () => NodeJS.ProcessEnv; skiff: (...args: string[]) => Promise<RunResult> } {
  const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: `unix://${h.socket}`, HOME: h.dir, TZ: 'UTC' });
  const skiff = (...args: string[]): Promise<RunResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [skiffBin, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      h.spare(child.pid!);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`skiff ${args.join(' ')}: timed out; so far: ${stdout} ${stderr}`));
      }, 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  return { env, skiff };
}
