// Docker's `filters` query parameter: JSON, either {"key": ["v"]} or the older {"key": {"v": true}}.
// Keys a route does not support are refused as dockerd refuses them.
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';

const FiltersSchema = z.record(z.string(), z.union([z.array(z.string()), z.record(z.string(), z.boolean())]));

export function parseFilters(text: string | undefined, supported: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!text) return out;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidArgument(`invalid filter: ${text}`);
  }
  const parsed = FiltersSchema.safeParse(json);
  if (!parsed.success) throw invalidArgument(`invalid filter: ${text}`);
  for (const [key, values] of Object.entries(parsed.data)) {
    if (!supported.has(key)) throw invalidArgument(`invalid filter '${key}'`);
    out.set(key, Array.isArray(values) ? values : Object.keys(values).filter((v) => values[v]));
  }
  return out;
}
