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

/** Decimal units with three significant digits as `docker images` prints sizes (go-units' HumanSize takes four). */
export function humanSize(bytes: number, precision = 3): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${Number(value.toPrecision(precision))}${units[unit]}`;
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

/**
 * Renders rows with a --format value: "table ..." prints a header row (the template applied to
 * the column titles) and aligns columns; anything else prints one rendered line per row.
 */
export function formatRows(format: string, rows: object[], headers: Record<string, string>): string {
  const source = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  if (source.startsWith('table')) {
    const body = source.slice('table'.length).trim();
    const render = compileTemplate(body);
    return tabwrite([render(headers), ...rows.map((row) => render(row))]);
  }
  const render = compileTemplate(source);
  return rows.map((row) => `${render(row)}\n`).join('');
}
