import type { ImageSummary } from '@skiff/engine-api';
import type { CliContext } from '../context';
import { addFilter, type Filters } from '../flags';
import { formatRows, humanDuration, humanSize, shortId } from '../format';

export interface ImagesOptions {
  all?: boolean;
  quiet?: boolean;
  noTrunc?: boolean;
  format?: string;
  filters?: Filters;
  /** The positional REPOSITORY[:TAG], which docker sends as a `reference` filter. */
  reference?: string;
}

const DEFAULT_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS' };

function split(reference: string): [string, string] {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, '<none>'];
}

/** One row per tag, as docker lists images; an untagged image is <none>:<none>. */
export function imageRows(image: ImageSummary, now: Date, trunc: boolean) {
  const tags = image.RepoTags?.filter((t) => t !== '<none>:<none>') ?? [];
  const digests = image.RepoDigests ?? [];
  const names = tags.length ? tags.map(split) : digests.length ? digests.map((d) => [d.split('@')[0]!, '<none>'] as [string, string]) : [['<none>', '<none>'] as [string, string]];
  const created = new Date(image.Created * 1000);
  return names.map(([Repository, Tag]) => ({
    Containers: image.Containers === undefined || image.Containers < 0 ? 'N/A' : String(image.Containers),
    CreatedAt: created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    CreatedSince: `${humanDuration(now.getTime() - created.getTime())} ago`,
    Digest: digests.find((d) => d.startsWith(`${Repository}@`))?.split('@')[1] ?? '<none>',
    ID: trunc ? shortId(image.Id) : image.Id,
    Repository,
    Size: humanSize(image.Size),
    Tag,
  }));
}

export async function images(ctx: CliContext, options: ImagesOptions): Promise<number> {
  const filters = options.reference ? addFilter(options.filters, 'reference', options.reference) : options.filters;
  const list = await ctx.engine.listImages({ all: options.all, filters });
  const trunc = !options.noTrunc;
  if (options.quiet) {
    const seen = new Set<string>();
    for (const image of list) {
      const id = trunc ? shortId(image.Id) : image.Id;
      if (!seen.has(id)) ctx.stdout.write(`${id}\n`);
      seen.add(id);
    }
    return 0;
  }
  const rows = list.flatMap((image) => imageRows(image, ctx.now(), trunc));
  ctx.stdout.write(formatRows(options.format ?? DEFAULT_FORMAT, rows, HEADERS));
  return 0;
}
