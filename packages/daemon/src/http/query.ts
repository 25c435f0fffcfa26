// Docker's query parameter conventions, as zod pieces: booleans are "1"/"true"/"True"
// (anything else, or absent, is false), numbers are decimal strings.
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';

export const queryBool = z
  .string()
  .optional()
  .transform((v) => v !== undefined && ['1', 'true', 'True', 'TRUE'].includes(v));

export const queryInt = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer')
  .transform(Number)
  .optional();

/** Parses with a schema; a mismatch is a 400 naming the parameter. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidArgument(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}
