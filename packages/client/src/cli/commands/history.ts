import type { CliContext } from '../context';
import { ellipsis, formatRows, humanDuration, humanSize, shortId } from '../format';

const DEFAULT_FORMAT = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const HEADERS = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };

/** Go's time.RFC3339 in UTC, as `docker history -H=false` prints times. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export async function history(ctx: CliContext, image: string, options: { human: boolean; noTrunc?: boolean; quiet?: boolean; format?: string }): Promise<number> {
  const layers = await ctx.engine.imageHistory(image);
  const trunc = !options.noTrunc;
  const id = (value: string) => (value === '<missing>' ? value : trunc ? shortId(value) : value);
  if (options.quiet) {
    ctx.stdout.write(layers.map((layer) => `${id(layer.Id)}\n`).join(''));
    return 0;
  }
  const rows = layers.map((layer) => {
    const created = new Date(layer.Created * 1000);
    const createdBy = layer.CreatedBy.replace(/\t/g, ' ');
    return {
      ID: id(layer.Id),
      CreatedSince: options.human ? `${humanDuration(ctx.now().getTime() - created.getTime())} ago` : rfc3339(created),
      CreatedAt: rfc3339(created),
      CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
      Size: options.human ? humanSize(layer.Size) : String(layer.Size),
      Comment: layer.Comment,
    };
  });
  ctx.stdout.write(formatRows(options.format, DEFAULT_FORMAT, rows, HEADERS));
  return 0;
}
