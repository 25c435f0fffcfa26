// Docker's credential helpers: `docker-credential-<name>` programs on PATH that keep registry
// secrets outside config.json (config.json's `credsStore` names one for every registry,
// `credHelpers` one per registry). The protocol is docker-credential-helpers': the verb as the
// only argument, the server address (get, erase) or a JSON credential (store) on stdin, and the
// credential as JSON on stdout; a missing one is the exact text "credentials not found in native
// keychain" and a failing exit.
import { spawnSync } from 'node:child_process';
import { z } from 'zod';

const NOT_FOUND = 'credentials not found in native keychain';

const CredentialSchema = z.object({ ServerURL: z.string().optional(), Username: z.string(), Secret: z.string() });
export type Credential = z.infer<typeof CredentialSchema>;

/** A helper failed: worded as docker reports it ("error getting credentials - err: ..., out: `...`"). */
export class CredentialHelperError extends Error {}

function run(helper: string, verb: 'get' | 'store' | 'erase', input: string): { ok: boolean; out: string } {
  const program = `docker-credential-${helper}`;
  const result = spawnSync(program, [verb], { input, encoding: 'utf8', env: process.env });
  const action = verb === 'get' ? 'getting' : verb === 'store' ? 'storing' : 'erasing';
  if (result.error) {
    const reason = (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? `exec: "${program}": executable file not found in $PATH` : result.error.message;
    throw new CredentialHelperError(`error ${action} credentials - err: ${reason}, out: \`\``);
  }
  const out = result.stdout.trim();
  if (result.status === 0) return { ok: true, out };
  if (verb === 'get' && out === NOT_FOUND) return { ok: false, out };
  throw new CredentialHelperError(`error ${action} credentials - err: exit status ${result.status}, out: \`${out}\``);
}

/** The helper's credential for `server`, or undefined when it has none. */
export function helperGet(helper: string, server: string): Credential | undefined {
  const { ok, out } = run(helper, 'get', server);
  if (!ok) return undefined;
  const parsed = CredentialSchema.safeParse(JSON.parse(out));
  if (!parsed.success) throw new CredentialHelperError(`error getting credentials - err: the helper's answer is not a credential: ${parsed.error.message}, out: \`${out}\``);
  return parsed.data;
}

export function helperStore(helper: string, server: string, username: string, secret: string): void {
  run(helper, 'store', JSON.stringify({ ServerURL: server, Username: username, Secret: secret }));
}

export function helperErase(helper: string, server: string): void {
  run(helper, 'erase', server);
}
