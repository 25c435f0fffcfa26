import { invalidArgument } from '@skiff/errors';

// containerd's identifier rule: letters and digits, with single separators between them, short
// enough for a path component and a mount option.
const IDENTIFIER_RE = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
const MAX_LENGTH = 76;

/** Throws InvalidArgument unless `id` is usable as a container id, exec id or namespace. */
export function validateIdentifier(id: string, what: string): string {
  if (!id) throw invalidArgument(`${what} must not be empty`);
  if (id.length > MAX_LENGTH) throw invalidArgument(`${what} "${id}" is longer than ${MAX_LENGTH} characters`);
  if (!IDENTIFIER_RE.test(id)) {
    throw invalidArgument(`${what} "${id}" is invalid: use letters, digits and single ".", "_" or "-" between them`);
  }
  return id;
}
