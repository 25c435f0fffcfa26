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
  /** --digests: the repository digest in its own column (and in .Digest). */
  digests?: boolean;
  /** The positional REPOSITORY[:TAG], which docker sends as a `reference` filter. */
  reference?: string;
}

const DEFAULT_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const DIGESTS_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS' };

function split(reference: string): [string, string] {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, '<none>'];
}

/** go-units' HumanSizeWithPrecision(3), or docker's "N/A" for a size the daemon did not compute (-1). */
const knownSize = (bytes: number | undefined) => (bytes === undefined || bytes < 0 ? 'N/A' : humanSize(bytes));

/**
 * One row per tag, as docker lists images (an untagged image is <none>:<none>), with the fields
 * of docker's image formatter context; the digest only with `digests`, as docker.
 */
export function imageRows(image: ImageSummary, now: Date, trunc: boolean, withDigests = false) {
  const tags = image.RepoTags?.filter((t) => t !== '<none>:<none>') ?? [];
  const digests = image.RepoDigests ?? [];
  const names = tags.length ? tags.map(split) : digests.length ? digests.map((d) => [d.split('@')[0]!, '<none>'] as [string, string]) : [['<none>', '<none>'] as [string, string]];
  const created = new Date(image.Created * 1000);
  return names.map(([Repository, Tag]) => ({
    Containers: image.Containers === undefined || image.Containers < 0 ? 'N/A' : String(image.Containers),
    CreatedAt: created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    CreatedSince: `${humanDuration(now.getTime() - created.getTime())} ago`,
    Digest: (withDigests && digests.find((d) => d.startsWith(`${Repository}@`))?.split('@')[1]) || '<none>',
    ID: trunc ? shortId(image.Id) : image.Id,
    Repository,
    SharedSize: knownSize(image.SharedSize),
    Size: humanSize(image.Size),
    Tag,
    UniqueSize: knownSize(image.SharedSize === undefined || image.SharedSize < 0 ? -1 : image.Size - image.SharedSize),
    VirtualSize: humanSize(image.Size, 4),
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
  const rows = list.flatMap((image) => imageRows(image, ctx.now(), trunc, options.digests === true));
  ctx.stdout.write(formatRows(options.format, options.digests ? DIGESTS_FORMAT : DEFAULT_FORMAT, rows, HEADERS));
  return 0;
}
