import { asSkiffError } from '@skiff/errors';
import { DaemonError } from '../sdk/errors';
import type { CliContext } from './context';

/** Docker's wording: a daemon's refusal is prefixed, anything else is the client's own error. */
export function reportError(ctx: CliContext, err: unknown): void {
  if (err instanceof DaemonError) ctx.stderr.write(`Error response from daemon: ${err.message}\n`);
  else ctx.stderr.write(`${asSkiffError(err).message}\n`);
}
