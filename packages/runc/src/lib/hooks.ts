import { spawnSync } from 'node:child_process';
import { internal } from '@skiff/errors';
import type { Hook } from '@skiff/oci-spec';

function envObject(env: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return out;
}

/** Runs hooks in the runtime's own namespaces (prestart, createRuntime, poststart, poststop). */
export function runHooks(kind: string, hooks: Hook[] | undefined, stateJson: string): void {
  (hooks ?? []).forEach((hook, index) => {
    const args = hook.args && hook.args.length > 0 ? hook.args : [hook.path];
    const result = spawnSync(hook.path, args.slice(1), {
      argv0: args[0] ?? hook.path,
      env: envObject(hook.env),
      input: stateJson,
      timeout: hook.timeout ? hook.timeout * 1000 : undefined,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      throw internal(`error running ${kind} hook #${index}: timeout after ${hook.timeout}s`);
    }
    if (result.error) throw internal(`error running ${kind} hook #${index}: ${result.error.message}`);
    if (result.status !== 0) {
      const why = result.signal ? `signal: ${result.signal}` : `exit status ${result.status}`;
      throw internal(
        `error running ${kind} hook #${index}: ${why}, stdout: ${result.stdout.toString().trim()}, stderr: ${result.stderr.toString().trim()}`,
      );
    }
  });
}
