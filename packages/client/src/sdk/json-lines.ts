// Pull and push progress and events arrive as one JSON document per line, split anywhere by
// the transport.
import type { Readable } from 'node:stream';
import type { z } from 'zod';

export async function* jsonLines<T extends z.ZodType>(source: Readable, schema: T): AsyncGenerator<z.infer<T>> {
  let rest = '';
  for await (const chunk of source) {
    rest += (chunk as Buffer).toString('utf8');
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, newline).trim();
      rest = rest.slice(newline + 1);
      if (line) yield schema.parse(JSON.parse(line));
    }
  }
  if (rest.trim()) yield schema.parse(JSON.parse(rest));
}
