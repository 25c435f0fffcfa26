// Pull and push progress and events arrive as one JSON document per line, split anywhere by
// the transport.
import type { Readable } from 'node:stream';
import type { z } from 'zod';

/** `prepare` rewrites a line's text before it is parsed (events keep timeNano exact with it). */
export async function* jsonLines<T extends z.ZodType>(source: Readable, schema: T, prepare: (line: string) => string = (line) => line): AsyncGenerator<z.infer<T>> {
  let rest = '';
  for await (const chunk of source) {
    rest += (chunk as Buffer).toString('utf8');
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, newline).trim();
      rest = rest.slice(newline + 1);
      if (line) yield schema.parse(JSON.parse(prepare(line)));
    }
  }
  if (rest.trim()) yield schema.parse(JSON.parse(prepare(rest)));
}
