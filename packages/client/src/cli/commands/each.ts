import type { CliContext } from '../context';
import { reportError } from '../errors';

/**
 * Verbs over a list of containers (start, stop, kill, rm, wait): each is tried, each success
 * prints its line, each failure its error, and any failure makes the exit status 1.
 */
export async function forEach(ctx: CliContext, names: string[], act: (name: string) => Promise<string>): Promise<number> {
  let status = 0;
  for (const name of names) {
    try {
      ctx.stdout.write(`${await act(name)}\n`);
    } catch (err) {
      reportError(ctx, err);
      status = 1;
    }
  }
  return status;
}
