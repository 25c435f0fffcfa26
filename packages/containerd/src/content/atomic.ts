// Metadata files are replaced, never edited: written to a temporary name beside the target,
// fsynced, then renamed over it, so a crash leaves either the old or the new version.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { z } from 'zod';
import { internal } from '@skiff/errors';

/** Prefix of the temporary files writeFileAtomic leaves behind if it crashes; cleaned on open. */
const TEMP_PREFIX = '.tmp-';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `${TEMP_PREFIX}${path.basename(file)}-${randomBytes(6).toString('hex')}`);
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, file);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`);
}

/** Reads a JSON file written by this package; undefined when absent, Internal when corrupt. */
export async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw internal(`${file}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw internal(`${file}: unexpected content: ${parsed.error.message}`);
  return parsed.data;
}

/** Removes temporary files a crashed writeFileAtomic left in dir. */
export async function removeTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  await Promise.all(names.filter((n) => n.startsWith(TEMP_PREFIX)).map((n) => fsp.rm(path.join(dir, n), { force: true, recursive: true })));
}

export function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}
