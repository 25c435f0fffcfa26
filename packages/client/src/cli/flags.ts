// Flag values docker checks while parsing the command line (a --filter item, a boolean's value),
// and the usage error it prints for a bad one (exit 125).

/** The `filters` query parameter of the list and prune routes: each key's values. */
export type Filters = Record<string, string[]>;

/** A flag value docker refuses while parsing the command line, reported with the verb's usage. */
export class FlagError extends Error {
  constructor(
    message: string,
    private readonly usage: string,
  ) {
    super(message);
  }

  /** docker's three paragraphs on stderr: the error, the usage line, the pointer to --help. */
  report(program: string): string {
    const verb = this.usage.split(' [')[0];
    return `${this.message}\n\nUsage:  ${program} ${this.usage}\n\nRun '${program} ${verb} --help' for more information\n`;
  }
}

/** Adds a value once, as docker's filter sets do. */
export function addFilter(filters: Filters | undefined, key: string, value: string): Filters {
  const values = filters?.[key] ?? [];
  return { ...filters, [key]: values.includes(value) ? values : [...values, value] };
}

/**
 * commander's parser for `flag` (e.g. "-f, --filter") of the verb whose usage is `usage`
 * ("ps [OPTIONS]"): as docker's filters.ParseFlag, the name is trimmed and lower-cased, the
 * value trimmed, and an empty item ignored.
 */
export function filterFlag(flag: string, usage: string): (item: string, previous: Filters | undefined) => Filters {
  return (item, previous) => {
    if (item === '') return previous ?? {};
    const eq = item.indexOf('=');
    if (eq < 0) throw new FlagError(`invalid argument "${item}" for "${flag}" flag: bad format of filter (expected name=value)`, usage);
    return addFilter(previous, item.slice(0, eq).trim().toLowerCase(), item.slice(eq + 1).trim());
  };
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * commander's parser for a boolean flag written `--flag=false` (Go's strconv.ParseBool). A bare
 * `--flag` followed by a positional hands commander that positional as the value: it is refused
 * with docker's wording rather than silently taken for the flag's value.
 */
export function boolValue(flag: string, usage: string): (value: string) => boolean {
  return (value) => {
    if (GO_TRUE.has(value)) return true;
    if (GO_FALSE.has(value)) return false;
    throw new FlagError(`invalid argument "${value}" for "${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`, usage);
  };
}

/** commander's parser for an int flag (docker's -t/--timeout), refused as Go's strconv.ParseInt does. */
export function intValue(flag: string, usage: string): (value: string) => number {
  return (value) => {
    if (!/^[+-]?\d+$/.test(value)) throw new FlagError(`invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`, usage);
    return Number(value);
  };
}
