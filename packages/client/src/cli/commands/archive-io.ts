// Where save and export write their tar and where load and import read theirs: a file (-o/-i)
// or the standard streams, refusing a terminal as docker does.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from '../context';

/** Docker's refusal to write a binary archive to a terminal. */
export const TERMINAL_REFUSAL = 'cowardly refusing to save to a terminal. Use the -o flag or redirect';

/** Copies a tar to a file (written under a temporary name, renamed when complete) or stdout. */
export async function writeArchive(ctx: CliContext, source: Readable, output: string | undefined): Promise<void> {
  if (output === undefined) {
    await pipeline(source, ctx.stdout, { end: false });
    return;
  }
  const partial = `${output}.partial`;
  try {
    await pipeline(source, fs.createWriteStream(partial));
    fs.renameSync(partial, output);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

export function readArchive(ctx: CliContext, input: string | undefined): Readable {
  return input === undefined || input === '-' ? ctx.stdin : fs.createReadStream(input);
}
