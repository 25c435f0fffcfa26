// The subset of Go's text/template that docker's --format flags use: {{.Field.Sub}}, {{.}},
// functions json, join, upper, lower, title, split, index, pipelines with |, and
// {{range .X}}...{{end}} / {{if .X}}...{{else}}...{{end}}. A field missing from the data is
// an error, as Go's template reports it, so a typo does not print blank columns.
import { invalidArgument } from '@skiff/errors';

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: string }
  | { kind: 'range'; pipeline: string; body: Node[] }
  | { kind: 'if'; pipeline: string; then: Node[]; otherwise: Node[] };

function parse(source: string): Node[] {
  const tokens: Array<{ text?: string; action?: string }> = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) {
      tokens.push({ text: source.slice(at) });
      break;
    }
    if (open > at) tokens.push({ text: source.slice(at, open) });
    const close = source.indexOf('}}', open);
    if (close < 0) throw invalidArgument(`template: unclosed action in ${JSON.stringify(source)}`);
    tokens.push({ action: source.slice(open + 2, close).replace(/^-\s*/, '').replace(/\s*-$/, '').trim() });
    at = close + 2;
  }
  let pos = 0;
  const block = (closers: string[]): { nodes: Node[]; closer: string } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const token = tokens[pos++]!;
      if (token.text !== undefined) nodes.push({ kind: 'text', text: token.text });
      else {
        const action = token.action!;
        const word = action.split(/\s+/)[0]!;
        if (closers.includes(word)) return { nodes, closer: word };
        if (word === 'range') {
          const body = block(['end']);
          nodes.push({ kind: 'range', pipeline: action.slice(5).trim(), body: body.nodes });
        } else if (word === 'if') {
          const then = block(['else', 'end']);
          const otherwise = then.closer === 'else' ? block(['end']).nodes : [];
          nodes.push({ kind: 'if', pipeline: action.slice(2).trim(), then: then.nodes, otherwise });
        } else nodes.push({ kind: 'action', pipeline: action });
      }
    }
    if (closers.length) throw invalidArgument(`template: unexpected EOF, missing {{end}}`);
    return { nodes, closer: '' };
  };
  return block([]).nodes;
}

function words(command: string): string[] {
  const out: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g;
  for (const m of command.matchAll(pattern)) out.push(m[3] ?? (m[1] !== undefined ? `"${m[1]}"` : JSON.stringify(m[2])));
  return out;
}

/** Go's json.Marshal escapes <, > and & for HTML; docker's json function prints that. */
export function goJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

export function toText(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  if (Array.isArray(value)) return `[${value.map(toText).join(' ')}]`;
  if (typeof value === 'object') return `map[${Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}:${toText(v)}`).join(' ')}]`;
  return String(value);
}

const functions: Record<string, (...args: unknown[]) => unknown> = {
  json: (v) => goJson(v),
  join: (list, sep) => (Array.isArray(list) ? list.map(toText).join(String(sep)) : toText(list)),
  upper: (v) => toText(v).toUpperCase(),
  lower: (v) => toText(v).toLowerCase(),
  title: (v) => toText(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  split: (v, sep) => toText(v).split(String(sep)),
  index: (v, key) => (v as Record<string, unknown> | undefined)?.[String(key)],
  println: (...args) => `${args.map(toText).join(' ')}\n`,
};

function field(dot: unknown, path: string): unknown {
  let value = dot;
  for (const name of path.split('.').filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !(name in value))
      throw invalidArgument(`template: :1: can't evaluate field ${name} in type ${Array.isArray(value) ? 'slice' : typeof value}`);
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

function argument(dot: unknown, word: string): unknown {
  if (word === '.') return dot;
  if (word.startsWith('.')) return field(dot, word);
  if (word.startsWith('"')) return JSON.parse(word);
  if (/^-?\d+(\.\d+)?$/.test(word)) return Number(word);
  if (word === 'true' || word === 'false') return word === 'true';
  throw invalidArgument(`template: function "${word}" not defined`);
}

function evaluate(dot: unknown, pipeline: string): unknown {
  let previous: unknown;
  let first = true;
  for (const command of pipeline.split('|')) {
    const [head, ...rest] = words(command.trim());
    if (head === undefined) throw invalidArgument('template: missing value for command');
    const fn = functions[head];
    let value: unknown;
    if (fn) {
      const args = rest.map((w) => argument(dot, w));
      value = fn(...(first ? args : [...args, previous]));
    } else {
      if (/^[A-Za-z]/.test(head)) throw invalidArgument(`template: function "${head}" not defined`);
      if (rest.length) throw invalidArgument(`template: can't give argument to non-function ${head}`);
      value = argument(dot, head);
    }
    previous = value;
    first = false;
  }
  return previous;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function render(nodes: Node[], dot: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'action') out += toText(evaluate(dot, node.pipeline));
    else if (node.kind === 'if') out += render(truthy(evaluate(dot, node.pipeline)) ? node.then : node.otherwise, dot);
    else {
      const list = evaluate(dot, node.pipeline);
      const items = Array.isArray(list) ? list : list && typeof list === 'object' ? Object.values(list) : [];
      for (const item of items) out += render(node.body, item);
    }
  }
  return out;
}

/** Parses once, renders for each datum; parse errors surface before any output. */
export function compileTemplate(source: string): (data: unknown) => string {
  const nodes = parse(source);
  return (data) => render(nodes, data);
}

export function renderTemplate(source: string, data: unknown): string {
  return compileTemplate(source)(data);
}

/**
 * Go's text/tabwriter as docker configures it (minwidth 10, padding 3, spaces): each
 * tab-terminated cell is padded to its column's widest cell; the last cell of a line is not.
 */
export function tabwrite(lines: string[], minWidth = 10): string {
  const rows = lines.map((line) => line.split('\t'));
  const widths: number[] = [];
  for (const row of rows)
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? minWidth, [...cell].length + 3);
    });
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]! - ([...cell].length - cell.length)) : cell)).join('') + '\n').join('');
}
