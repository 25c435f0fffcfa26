// The filter grammar of every List-like call (protos/README.md "Filters"), shared by all services
// so "labels.app==web" means the same thing to Containers.List, Content.List and Snapshots.List.
import { invalidArgument } from '@skiff/errors';

export type Condition =
  | { field: string; op: 'present' }
  | { field: string; op: '==' | '!='; value: string }
  | { field: string; op: '~='; value: string; regexp: RegExp };

/** Conditions of one filter, all of which must hold. */
export type Filter = Condition[];

/** Filters of a request: an item matches when any filter does; none matches everything. */
export type ParsedFilters = Filter[];

const operators = ['==', '!=', '~='] as const;

/** Parses every filter up front, so a malformed one is INVALID_ARGUMENT before anything is listed. */
export function parseFilters(filters: string[]): ParsedFilters {
  return filters.map((f) => parseFilter(f));
}

/**
 * Whether an item matches. `field` returns the item's value at a snake_case dotted path
 * ("labels.com.example.app"), or undefined when the item has no such field.
 */
export function matchesFilters(parsed: ParsedFilters, field: (fieldPath: string) => string | undefined): boolean {
  if (parsed.length === 0) return true;
  return parsed.some((conditions) => conditions.every((c) => holds(c, field(c.field))));
}

function holds(c: Condition, actual: string | undefined): boolean {
  switch (c.op) {
    case 'present':
      return actual !== undefined && actual !== '';
    case '==':
      return actual === c.value;
    case '!=':
      return actual !== c.value;
    case '~=':
      return actual !== undefined && c.regexp.test(actual);
  }
}

function parseFilter(text: string): Filter {
  if (text.trim() === '') throw invalidArgument(`filter "${text}": empty filter`);
  const conditions: Filter = [];
  let i = 0;
  for (;;) {
    const { condition, next } = parseCondition(text, i);
    conditions.push(condition);
    if (next >= text.length) return conditions;
    // parseCondition stops only at the end or on a separating comma.
    i = next + 1;
  }
}

function parseCondition(text: string, start: number): { condition: Condition; next: number } {
  let i = start;
  while (i < text.length && text[i] !== ',' && !operatorAt(text, i)) i++;
  const field = text.slice(start, i).trim();
  if (field === '') throw invalidArgument(`filter "${text}": missing field name at position ${start}`);
  if (/["\s]/.test(field)) throw invalidArgument(`filter "${text}": invalid field name "${field}"`);
  const op = operatorAt(text, i);
  if (op === undefined) return { condition: { field, op: 'present' }, next: i };
  const { value, next } = parseValue(text, i + op.length);
  if (op === '~=') {
    let regexp: RegExp;
    try {
      regexp = new RegExp(value);
    } catch (err) {
      throw invalidArgument(`filter "${text}": invalid regular expression "${value}": ${(err as Error).message}`);
    }
    return { condition: { field, op, value, regexp }, next };
  }
  return { condition: { field, op, value }, next };
}

function operatorAt(text: string, i: number): (typeof operators)[number] | undefined {
  return operators.find((op) => text.startsWith(op, i));
}

// A quoted value may hold "," and "="; \" and \\ escape inside the quotes.
function parseValue(text: string, start: number): { value: string; next: number } {
  if (text[start] !== '"') {
    let i = start;
    while (i < text.length && text[i] !== ',') i++;
    const value = text.slice(start, i);
    if (value.includes('"')) throw invalidArgument(`filter "${text}": a quote may only open a value`);
    return { value, next: i };
  }
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw invalidArgument(`filter "${text}": unterminated quoted value`);
    const ch = text[i]!;
    if (ch === '"') break;
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  i++;
  if (i < text.length && text[i] !== ',') throw invalidArgument(`filter "${text}": unexpected text after quoted value`);
  return { value, next: i };
}

/** Field lookup for the common shape of listed records: top-level strings plus a labels map. */
export function recordField(
  fields: Record<string, string | undefined>,
  labels: Record<string, string>,
): (fieldPath: string) => string | undefined {
  return (fieldPath) => {
    if (fieldPath.startsWith('labels.')) {
      const key = fieldPath.slice('labels.'.length);
      return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
    }
    return Object.prototype.hasOwnProperty.call(fields, fieldPath) ? fields[fieldPath] : undefined;
  };
}
