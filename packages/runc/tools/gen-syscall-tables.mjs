#!/usr/bin/env node
// Generates packages/runc/src/seccomp/syscall-tables.ts (syscall name -> number for every
// architecture the seccomp compiler supports) from the kernel UAPI headers installed on this
// machine (Debian/Ubuntu: linux-libc-dev).
//
//   node packages/runc/tools/gen-syscall-tables.mjs            rewrite the committed table
//   node packages/runc/tools/gen-syscall-tables.mjs --stdout   print it instead (used by the tests)
//
// Exit code 2 means the headers are not installed, so callers can tell "cannot check" from "stale".
//
// The headers are not plain lists: the generic table (used by aarch64) picks entries with #if on
// __BITS_PER_LONG and __ARCH_WANT_* switches and names several 64-bit syscalls through
// __NR3264_* aliases, and the x32 table spells numbers as (__X32_SYSCALL_BIT + n). Rather than
// pattern-matching those shapes, this runs a small C preprocessor over object-like #defines and
// #if/#ifdef/#else/#endif, so a header that reshuffles its conditionals still generates correctly.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const includeRoot = '/usr/include';
const outputPath = join(dirname(fileURLToPath(import.meta.url)), '../src/seccomp/syscall-tables.ts');

const sources = [
  { arch: 'SCMP_ARCH_X86_64', header: 'x86_64-linux-gnu/asm/unistd_64.h', predefined: {} },
  { arch: 'SCMP_ARCH_X86', header: 'x86_64-linux-gnu/asm/unistd_32.h', predefined: {} },
  // asm/unistd.h defines the bit before including unistd_x32.h; numbers keep it, because that is
  // the value an x32 task puts in seccomp_data.nr.
  { arch: 'SCMP_ARCH_X32', header: 'x86_64-linux-gnu/asm/unistd_x32.h', predefined: { __X32_SYSCALL_BIT: '0x40000000' } },
  // arch/arm64/include/uapi/asm/unistd.h is not installed on other machines; these are the switches
  // it sets before including the generic table (plus the 64-bit word size from asm/bitsperlong.h).
  {
    arch: 'SCMP_ARCH_AARCH64',
    header: 'asm-generic/unistd.h',
    predefined: {
      __BITS_PER_LONG: '64',
      __ARCH_WANT_RENAMEAT: '',
      __ARCH_WANT_NEW_STAT: '',
      __ARCH_WANT_SET_GET_RLIMIT: '',
      __ARCH_WANT_TIME32_SYSCALLS: '',
      __ARCH_WANT_SYS_CLONE3: '',
      __ARCH_WANT_MEMFD_SECRET: '',
    },
  },
];

// Bookkeeping macros that share the __NR_ prefix but are not syscalls.
const notSyscalls = new Set(['syscalls', 'arch_specific_syscall']);

/** Joins continuation lines and blanks out comments, keeping one logical line per directive. */
function logicalLines(text) {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
  return withoutComments.replace(/\\\n/g, ' ').split('\n');
}

function tokenize(expr) {
  const tokens = [];
  const re = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|&&|\|\||==|!=|<=|>=|<<|>>|[()!~+\-*/%<>&|^])/y;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(expr);
    if (!m) throw new Error(`cannot parse preprocessor expression: ${expr}`);
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

const binaryPrecedence = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6,
  '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

function applyBinary(op, a, b) {
  switch (op) {
    case '||': return a || b ? 1 : 0;
    case '&&': return a && b ? 1 : 0;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return Math.trunc(a / b);
    default: return a % b;
  }
}

/** Evaluates a #if expression or an object-like macro body, expanding macros on the way. */
function evaluate(expr, macros, expanding = new Set()) {
  const tokens = tokenize(expr);
  let i = 0;

  const primary = () => {
    const tok = tokens[i++];
    if (tok === undefined) throw new Error(`truncated preprocessor expression: ${expr}`);
    if (tok === '(') {
      const v = binary(0);
      if (tokens[i++] !== ')') throw new Error(`missing ) in: ${expr}`);
      return v;
    }
    if (tok === '!') return primary() ? 0 : 1;
    if (tok === '~') return ~primary();
    if (tok === '-') return -primary();
    if (tok === '+') return primary();
    if (tok === 'defined') {
      const parens = tokens[i] === '(';
      if (parens) i++;
      const name = tokens[i++];
      if (parens && tokens[i++] !== ')') throw new Error(`missing ) after defined in: ${expr}`);
      return macros.has(name) ? 1 : 0;
    }
    if (/^\d|^0[xX]/.test(tok)) return Number(tok);
    const body = macros.get(tok);
    // C evaluates an unknown identifier in #if as 0; a function-like macro cannot appear here.
    if (body === undefined || body.params) return 0;
    if (expanding.has(tok)) throw new Error(`recursive macro ${tok}`);
    return evaluate(body.value === '' ? '0' : body.value, macros, new Set([...expanding, tok]));
  };

  const binary = (minPrecedence) => {
    let left = primary();
    for (;;) {
      const op = tokens[i];
      const prec = binaryPrecedence[op];
      if (prec === undefined || prec < minPrecedence) return left;
      i++;
      left = applyBinary(op, left, binary(prec + 1));
    }
  };

  const value = binary(0);
  if (i !== tokens.length) throw new Error(`trailing tokens in preprocessor expression: ${expr}`);
  return value;
}

/** Runs the preprocessor over one header and returns the macros defined at its end. */
function preprocess(text, predefined) {
  const macros = new Map(Object.entries(predefined).map(([name, value]) => [name, { value }]));
  // One frame per open conditional: whether its current branch is live, and whether any branch was.
  const stack = [];
  const live = () => stack.every((frame) => frame.active);

  for (const line of logicalLines(text)) {
    const m = /^\s*#\s*(\w+)\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const [, directive, rest] = m;
    switch (directive) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        let cond = false;
        if (live()) {
          if (directive === 'if') cond = evaluate(rest, macros) !== 0;
          else cond = macros.has(rest.split(/\s+/)[0]) === (directive === 'ifdef');
        }
        // A conditional nested in a dead branch must not turn live in its #else.
        stack.push({ active: cond, taken: cond || !live() });
        break;
      }
      case 'elif': {
        const frame = stack.at(-1);
        if (!frame) throw new Error('#elif without #if');
        frame.active = false;
        if (!frame.taken && live()) frame.active = frame.taken = evaluate(rest, macros) !== 0;
        break;
      }
      case 'else': {
        const frame = stack.at(-1);
        if (!frame) throw new Error('#else without #if');
        frame.active = !frame.taken;
        frame.taken = true;
        break;
      }
      case 'endif':
        if (!stack.pop()) throw new Error('#endif without #if');
        break;
      case 'define': {
        if (!live()) break;
        const d = /^(\w+)(\([^)]*\))?\s*(.*)$/.exec(rest);
        if (!d) throw new Error(`malformed #define: ${line}`);
        macros.set(d[1], { value: d[3], params: d[2] });
        break;
      }
      case 'undef':
        if (live()) macros.delete(rest);
        break;
      default:
        // #include (word size is predefined instead), #error, #pragma: nothing to track.
        break;
    }
  }
  if (stack.length) throw new Error('unterminated #if');
  return macros;
}

function syscallTable(source) {
  const macros = preprocess(readFileSync(join(includeRoot, source.header), 'utf8'), source.predefined);
  const entries = [];
  for (const [macro, body] of macros) {
    const name = /^__NR_(\w+)$/.exec(macro)?.[1];
    if (!name || body.params || notSyscalls.has(name)) continue;
    entries.push([name, evaluate(body.value, macros)]);
  }
  entries.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  if (entries.length < 100) throw new Error(`${source.header}: only ${entries.length} syscalls found`);
  return entries;
}

function headerVersion() {
  const text = readFileSync(join(includeRoot, 'linux/version.h'), 'utf8');
  const major = /LINUX_VERSION_MAJOR\s+(\d+)/.exec(text)?.[1];
  const minor = /LINUX_VERSION_PATCHLEVEL\s+(\d+)/.exec(text)?.[1];
  // Stable updates never renumber syscalls, so major.minor keeps the file stable across them.
  return major && minor ? `${major}.${minor}` : 'unknown';
}

function render() {
  const out = [];
  out.push('// Generated by packages/runc/tools/gen-syscall-tables.mjs from the Linux ' + headerVersion() + ' UAPI headers:');
  for (const s of sources) out.push(`//   ${s.arch}: ${join(includeRoot, s.header)}`);
  out.push('// Do not edit by hand; regenerate with `node packages/runc/tools/gen-syscall-tables.mjs`.');
  out.push('');
  out.push('export const syscallTableArchitectures = [');
  for (const s of sources) out.push(`  '${s.arch}',`);
  out.push('] as const;');
  out.push('');
  out.push('export type SyscallTableArch = (typeof syscallTableArchitectures)[number];');
  out.push('');
  out.push('export const syscallTables: Readonly<Record<SyscallTableArch, Readonly<Record<string, number>>>> = {');
  for (const s of sources) {
    out.push(`  ${s.arch}: {`);
    for (const [name, nr] of syscallTable(s)) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected syscall name ${name}`);
      out.push(`    ${name}: ${s.arch === 'SCMP_ARCH_X32' ? `0x${nr.toString(16)}` : nr},`);
    }
    out.push('  },');
  }
  out.push('};');
  out.push('');
  return out.join('\n');
}

const missing = ['linux/version.h', ...sources.map((s) => s.header)].filter((h) => !existsSync(join(includeRoot, h)));
if (missing.length) {
  process.stderr.write(`kernel headers not found: ${missing.map((h) => join(includeRoot, h)).join(', ')}\n`);
  process.exit(2);
}

const text = render();
if (process.argv.includes('--stdout')) process.stdout.write(text);
else writeFileSync(outputPath, text);
