// Docker's renderings of listing fields (go-units' HumanDuration and HumanSize, the truncated
// ids and quoted commands of `docker ps`) and the --format machinery every listing shares.
import { compileTemplate, tabwrite } from './template';

export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units' way: the size in the largest unit it reaches (steps of `base`), to `precision` significant digits. */
function scaledSize(bytes: number, base: number, units: readonly string[], precision: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${Number(value.toPrecision(precision))}${units[unit]}`;
}

/** Decimal units with three significant digits as `docker images` prints sizes (go-units' HumanSize takes four). */
export function humanSize(bytes: number, precision = 3): string {
  return scaledSize(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], precision);
}

/** go-units' BytesSize: binary units, four significant digits. */
export function bytesSize(bytes: number): string {
  return scaledSize(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], 4);
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Go's strconv.Quote for the printable strings commands are. */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** docker's --format of a single object (version, info): the keyword "json" is the object as one line. */
export function objectFormat(format: string): string {
  return format === 'json' ? '{{json .}}' : format;
}

/** Go's time.Time String() in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC", fraction trimmed. */
export function goTime(date: Date): string {
  const iso = date.toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

/**
 * A listing's row as docker's formatter context: `{{json .}}` prints its fields in Go's map order
 * (sorted by name), whatever order the row was built in.
 */
function formatterContext(row: object): object {
  return Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Renders a listing with a --format value, docker's keywords included: none or "table" is the
 * listing's own table (`defaultTable`), "json" one JSON object per row, "table TEMPLATE" a
 * header row (the template applied to the column titles) over aligned columns, and anything
 * else one rendered line per row.
 */
export function formatRows(format: string | undefined, defaultTable: string, rows: object[], headers: Record<string, string>): string {
  const keyword = format === undefined || format === 'table' ? defaultTable : format === 'json' ? '{{json .}}' : format;
  const source = keyword.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const contexts = rows.map(formatterContext);
  if (source.startsWith('table')) {
    const body = source.slice('table'.length).trim();
    const render = compileTemplate(body);
    return tabwrite([render(headers), ...contexts.map((row) => render(row))]);
  }
  const render = compileTemplate(source);
  return contexts.map((row) => `${render(row)}\n`).join('');
}
