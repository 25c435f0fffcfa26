// The docker CLI 28's help pages and command-line errors, with commander still doing the parsing:
// a Command subclass whose help is laid out as docker's cobra template and pflag's flag table, and
// whose parse errors (commander's error()) carry what docker prints instead of commander's words.
import { Command, Option, type ErrorOptions, type Help } from 'commander';

/** docker's --format description for listings: the keywords skiff's formatter understands. */
export const TABLE_FORMAT_HELP = [
  'Format output using a custom template:',
  "'table':            Print output in table format with column headers (default)",
  "'table TEMPLATE':   Print output in table format using the given Go template",
  "'json':             Print in JSON format",
  "'TEMPLATE':         Print output using the given Go template.",
  'Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates',
].join('\n');

/** docker's --format description for single objects (inspect, info, version). */
export const TEMPLATE_FORMAT_HELP = [
  'Format output using a custom template:',
  "'json':             Print in JSON format",
  "'TEMPLATE':         Print output using the given Go template.",
  'Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates',
].join('\n');

/** docker's top-level "Common Commands", in its order; other verbs are listed alphabetically. */
const COMMON_COMMANDS = ['run', 'exec', 'ps', 'build', 'pull', 'push', 'images', 'login', 'logout', 'search', 'version', 'info'];

/** Parse errors of the command line itself: docker's status for them (as cobra reports them). */
const FLAG_ERROR_STATUS = 125;

/**
 * A commander command that prints docker's help and errors. Its `usage()` is docker's `Use`
 * string (the name, then e.g. "[OPTIONS] IMAGE [COMMAND] [ARG...]").
 */
export class DockerCommand extends Command {
  private arguments_?: { min: number; max: number };
  private aliasPaths?: string[];

  constructor(name?: string) {
    super(name);
    // Subcommands inherit these from their parent (commander's copyInheritedSettings).
    this.configureHelp({ formatHelp: (cmd, helper) => formatHelp(cmd as DockerCommand, helper) });
    this.addHelpOption(new Option('-h, --help').hideHelp());
    this.helpCommand(false);
    this.showSuggestionAfterError(false);
  }

  override createCommand(name?: string): DockerCommand {
    return new DockerCommand(name);
  }

  /** commander reports every parse error through here; docker's wording is built from it. */
  override error(message: string, errorOptions?: ErrorOptions): never {
    throw new UsageError(this, errorOptions?.code ?? 'commander.error', message);
  }

  /**
   * The argument counts docker checks when they differ from the declared arguments (docker's
   * `import` takes at least one and ignores the rest).
   */
  argumentCount(min: number, max: number): this {
    this.arguments_ = { min, max };
    if (max === Infinity) this.allowExcessArguments(true);
    return this;
  }

  /** The paths under which docker lists this command as the same one ("system info", "info"). */
  sameAs(...paths: string[]): this {
    this.aliasPaths = paths;
    return this;
  }

  /** The bounds docker's Args validator sets. */
  argumentBounds(): { min: number; max: number } {
    if (this.arguments_) return this.arguments_;
    const declared = this.registeredArguments;
    return { min: declared.filter((a) => a.required).length, max: declared.some((a) => a.variadic) ? Infinity : declared.length };
  }

  /** docker's "Aliases:" line, when skiff has the command under another name. */
  aliasLine(): string | undefined {
    const root = rootOf(this).name();
    if (this.aliasPaths) return this.aliasPaths.map((p) => `${root} ${p}`).join(', ');
    if (!this.aliases().length) return undefined;
    const parent = this.parent ? commandPath(this.parent) : root;
    return [this.name(), ...this.aliases()].map((n) => `${parent} ${n}`).join(', ');
  }
}

/** A command line commander refused; `report` is what docker prints for it. */
export class UsageError extends Error {
  constructor(
    readonly command: DockerCommand,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The exit status docker gives this error: 125 for flags, 1 for arguments and commands. */
  get status(): number {
    return this.code === 'commander.unknownOption' || this.code === 'commander.optionMissingArgument' || this.code === 'commander.invalidArgument'
      ? FLAG_ERROR_STATUS
      : 1;
  }

  /** docker's stderr text; `argv` tells which spelling of a flag that lacks its value was typed. */
  report(argv: string[]): string {
    const cmd = this.command;
    const path = commandPath(cmd);
    const root = rootOf(cmd).name();
    const flagError = (text: string) => `${text}\n\nUsage:  ${useLine(cmd)}\n\nRun '${path} --help' for more information\n`;
    switch (this.code) {
      case 'commander.unknownOption': {
        const flag = /unknown option '([^']*)'/.exec(this.message)?.[1] ?? '';
        return flagError(flag.startsWith('--') ? `unknown flag: ${flag.split('=')[0]}` : `unknown shorthand flag: '${flag.charAt(1)}' in ${flag}`);
      }
      case 'commander.optionMissingArgument': {
        const flags = /option '([^']*)' argument missing/.exec(this.message)?.[1] ?? '';
        const option = cmd.options.find((o) => o.flags === flags);
        // commander only misses a value when the flag is the last word of the command line.
        const typed = argv[argv.length - 1] ?? '';
        const short = option?.short?.slice(1);
        return flagError(`flag needs an argument: ${!typed.startsWith('--') && short ? `'${short}' in -${short}` : option?.long ?? flags}`);
      }
      case 'commander.missingArgument':
      case 'commander.excessArguments': {
        const { phrase, pointer } = argumentsRule(cmd.argumentBounds());
        return `${root}: '${path}' ${phrase}\n\nUsage:  ${useLine(cmd)}\n\n${pointer} '${path} --help' for more information\n`;
      }
      case 'commander.unknownCommand': {
        const usage = cmd.parent ? `Usage:  ${useLine(cmd)}\n\n` : '';
        return `${root}: unknown command: ${path} ${cmd.args[0] ?? ''}\n\n${usage}Run '${path} --help' for more information\n`;
      }
      default:
        return flagError(this.message.replace(/^error: /, ''));
    }
  }
}

/**
 * docker's cli/required.go messages for each Args validator; the pointer line differs between
 * them in docker 28 ("See" or "Run"; docker prints "SRun" for at-most rules, a typo in its format
 * string that is not copied here).
 */
function argumentsRule({ min, max }: { min: number; max: number }): { phrase: string; pointer: string } {
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (max === 0) return { phrase: 'accepts no arguments', pointer: 'Run' };
  if (min === max) return { phrase: `requires ${min} ${plural(min)}`, pointer: 'Run' };
  if (max === Infinity) return { phrase: `requires at least ${min} ${plural(min)}`, pointer: 'See' };
  if (min === 0) return { phrase: `requires at most ${max} ${plural(max)}`, pointer: 'Run' };
  return { phrase: `requires at least ${min} and at most ${max} ${plural(max)}`, pointer: 'Run' };
}

/**
 * `skiff help [COMMAND...]`: the command's help on stdout, or docker's "unknown help topic" for
 * the first word that names no command.
 */
export function helpTopic(program: Command, topics: string[], stderr: NodeJS.WritableStream): number {
  let target = program;
  for (const topic of topics) {
    const next = target.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
    if (!next) {
      stderr.write(`unknown help topic: ${topic}\n`);
      return 1;
    }
    target = next;
  }
  target.outputHelp();
  return 0;
}

function rootOf(cmd: Command): Command {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root;
}

/** "skiff volume ls": the names from the root down. */
function commandPath(cmd: Command): string {
  return cmd.parent ? `${commandPath(cmd.parent)} ${cmd.name()}` : cmd.name();
}

/** cobra's UseLine: the parent's path, then this command's Use. */
function useLine(cmd: Command): string {
  const use = cmd.usage();
  return cmd.parent ? `${commandPath(cmd.parent)} ${use}` : use;
}

function formatHelp(cmd: DockerCommand, helper: Help): string {
  // docker wraps to the terminal's width less one column, 80 without a terminal.
  const columns = (helper.helpWidth ?? 80) - 1;
  const options = helper.visibleOptions(cmd);
  const subcommands = helper.visibleCommands(cmd);
  const description = cmd.description().trim();
  if (!subcommands.length) {
    const aliases = cmd.aliasLine();
    return [
      `Usage:  ${useLine(cmd)}\n\n${description}\n`,
      aliases ? `\nAliases:\n  ${aliases}\n` : '',
      options.length ? `\nOptions:\n${flagTable(options, columns)}\n` : '',
    ].join('');
  }
  const path = commandPath(cmd);
  const summary = (c: Command) => c.summary() || c.description().split('\n')[0]!;
  const padding = Math.max(11, ...subcommands.map((c) => c.name().length));
  const list = (title: string, commands: Command[]) =>
    commands.length ? `\n${title}\n${commands.map((c) => `  ${c.name().padEnd(padding)} ${summary(c)}\n`).join('')}` : '';
  const byName = (a: Command, b: Command) => (a.name() < b.name() ? -1 : 1);
  const sections = cmd.parent
    ? list('Commands:', [...subcommands].sort(byName))
    : [
        list('Common Commands:', COMMON_COMMANDS.flatMap((name) => subcommands.filter((c) => c.name() === name))),
        list('Management Commands:', subcommands.filter((c) => c.commands.length).sort(byName)),
        list('Commands:', subcommands.filter((c) => !c.commands.length && !COMMON_COMMANDS.includes(c.name())).sort(byName)),
      ].join('');
  return [
    `Usage:  ${path}${options.length ? ' [OPTIONS]' : ''} COMMAND\n\n${description}\n`,
    sections,
    !cmd.parent && options.length ? `\nGlobal Options:\n${flagTable(options, columns)}\n` : '',
    `\nRun '${path} COMMAND --help' for more information on a command.\n`,
  ].join('');
}

/**
 * pflag's FlagUsagesWrapped: flags sorted by name, the value's type word after the flag, the
 * descriptions aligned in one column, wrapped to `columns` and followed by a non-zero default.
 */
function flagTable(options: readonly Option[], columns: number): string {
  const rows = [...options]
    .sort((a, b) => (name(a) < name(b) ? -1 : 1))
    .map((option) => {
      const type = typeWord(option);
      const flag = `${option.short && option.long ? `  ${option.short}, ` : '      '}${option.long ?? option.short}${type ? ` ${type}` : ''}`;
      const shown = shownDefault(option, type);
      return { flag, usage: `${option.description}${shown ? ` (default ${shown})` : ''}` };
    });
  const width = Math.max(...rows.map((r) => r.flag.length)) + 1;
  return rows.map((r) => `${r.flag} ${' '.repeat(width - r.flag.length)} ${wrap(width + 2, columns, r.usage)}`.trimEnd()).join('\n');
}

const name = (option: Option) => (option.long ?? option.short ?? '').replace(/^-+/, '');

/** The placeholder in the flags ("--env <list>") is docker's type word; "[bool]" marks a bool. */
function typeWord(option: Option): string {
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1];
  return placeholder && placeholder !== 'bool' ? placeholder : '';
}

/** What pflag prints as "(default ...)": a value other than the type's zero value. */
function shownDefault(option: Option, type: string): string | undefined {
  if (option.defaultValueDescription !== undefined) return option.defaultValueDescription;
  if (type === 'map') return 'map[]';
  if (option.negate) return undefined;
  const value: unknown = option.defaultValue;
  if (value === true) return 'true';
  if (typeof value === 'string' && value !== '') return JSON.stringify(value);
  if (typeof value === 'number' && value !== 0) return String(value);
  return undefined;
}

/** pflag's wrap: `text` in lines of at most `width - indent`, with five columns of slop. */
function wrap(indent: number, width: number, text: string): string {
  let space = width - indent;
  let result = '';
  if (space < 24) {
    indent = 16;
    space = width - indent;
    result = `\n${' '.repeat(indent)}`;
  }
  if (space < 24) return text.replace(/\n/g, result);
  const pad = `\n${' '.repeat(indent)}`;
  const slop = 5;
  space -= slop;
  let [line, rest] = wrapOnce(space, slop, text);
  result += line.replace(/\n/g, pad);
  while (rest !== '') {
    [line, rest] = wrapOnce(space, slop, rest);
    result += pad + line.replace(/\n/g, pad);
  }
  return result;
}

/** pflag's wrapN: the first line of `text` (at most `limit`, or all of it within the slop). */
function wrapOnce(limit: number, slop: number, text: string): [string, string] {
  if (limit + slop > text.length) return [text, ''];
  const head = text.slice(0, limit);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (space <= 0) return [text, ''];
  const newline = head.lastIndexOf('\n');
  if (newline > 0 && newline < space) return [text.slice(0, newline), text.slice(newline + 1)];
  return [text.slice(0, space), text.slice(space + 1)];
}
