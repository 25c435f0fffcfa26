import { invalidArgument, type SkiffError } from '@skiff/errors';
import { z } from 'zod';

export interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

// Past this many lines the rest are almost always follow-on damage from the same mistake.
const maxReportedIssues = 20;

const identifier = /^[A-Za-z_$][\w$]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && identifier.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * Error messages for a person reading a CLI error: "required" instead of "expected string,
 * received undefined", and long enums (seccomp architectures) named by the offending value instead
 * of listing two dozen alternatives.
 */
const messages: z.core.$ZodErrorMap = (iss) => {
  if ((iss.code === 'invalid_type' || iss.code === 'invalid_value') && iss.input === undefined) return 'required';
  if (iss.code === 'invalid_value' && iss.values.length > 8) return `unknown value ${JSON.stringify(iss.input)}`;
  if (iss.code === 'invalid_value') return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return undefined;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): Parsed<z.output<T>> {
  const result = schema.safeParse(value, { error: messages });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((iss) => ({ path: iss.path, message: iss.message.replace(/^Invalid input: /, '') }));
  return { ok: false, issues };
}

/** One line per issue, each naming the document and the field, as InvalidArgument. */
export function issuesError(source: string, issues: readonly Issue[]): SkiffError {
  const lines = issues.slice(0, maxReportedIssues).map((issue) => {
    const where = formatPath(issue.path);
    return where === '' ? `${source}: ${issue.message}` : `${source}: ${where}: ${issue.message}`;
  });
  if (issues.length > maxReportedIssues) lines.push(`${source}: ... and ${issues.length - maxReportedIssues} more`);
  return invalidArgument(lines.join('\n'));
}
