import { randomUUID } from 'node:crypto';

/*
 * JSON.parse turns every number into a double, so an integer above 2^53 silently changes (a
 * seccomp mask of 0xffffffffffffffff becomes 18446744073709551616). Node 20's JSON.parse cannot
 * show a reviver the source text, so big integer literals are first rewritten into tagged strings,
 * which the walk after parsing turns into BigInt where the caller wants exactness and into the
 * usual double elsewhere. The tag carries a random part so no string in the document can pose as
 * one.
 */

export type JsonPath = readonly (string | number)[];

const numberLiteral = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const integerLiteral = /^-?\d+$/;

function newTag(): string {
  return `bigint:${randomUUID()}:`;
}

/** The text with each integer literal that a double cannot hold exactly replaced by a tagged string. */
function tagBigIntegers(text: string, tag: string): string | undefined {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      numberLiteral.lastIndex = i;
      const literal = numberLiteral.exec(text)?.[0] ?? c;
      if (integerLiteral.test(literal) && !Number.isSafeInteger(Number(literal))) {
        // \u0000 cannot appear raw in a JSON string, which keeps the tag out of ordinary text.
        parts.push(text.slice(copied, i), `"\\u0000${tag}${literal}"`);
        copied = i + literal.length;
      }
      i += literal.length;
    } else {
      i++;
    }
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(copied));
  return parts.join('');
}

function untag(node: unknown, path: (string | number)[], tag: string, keepExact: (path: JsonPath) => boolean): unknown {
  if (typeof node === 'string') {
    if (!node.startsWith(tag)) return node;
    const digits = node.slice(tag.length);
    return keepExact(path) ? BigInt(digits) : Number(digits);
  }
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    path.push(Array.isArray(node) ? Number(key) : key);
    const before = record[key];
    const after = untag(before, path, tag, keepExact);
    // defineProperty, not assignment, so a key named "__proto__" stays an ordinary property.
    if (after !== before) Object.defineProperty(record, key, { value: after, writable: true, enumerable: true, configurable: true });
    path.pop();
  }
  return node;
}

/**
 * JSON.parse, except that integer literals beyond ±2^53 become BigInt at the paths `keepExact`
 * accepts. Syntax errors are JSON.parse's own, positions included.
 */
export function parseJsonKeepingBigInts(text: string, keepExact: (path: JsonPath) => boolean): unknown {
  const tag = newTag();
  const tagged = tagBigIntegers(text, tag);
  if (tagged === undefined) return JSON.parse(text);
  let value: unknown;
  try {
    value = JSON.parse(tagged);
  } catch {
    // Rewriting shifted positions; the untouched text gives the error message the user can use.
    return JSON.parse(text);
  }
  return untag(value, [], `\u0000${tag}`, keepExact);
}

/** JSON.stringify that writes BigInt values as plain integer literals instead of throwing. */
export function stringifyJson(value: unknown, space?: string | number): string {
  const tag = newTag();
  let sawBigInt = false;
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v !== 'bigint') return v;
      sawBigInt = true;
      return `\u0000${tag}${v}`;
    },
    space,
  );
  if (!sawBigInt) return text;
  // JSON.stringify escapes the NUL as \u0000, so that is the form to look for in its output.
  return text.replace(new RegExp(`"\\\\u0000${tag}(-?\\d+)"`, 'g'), '$1');
}
