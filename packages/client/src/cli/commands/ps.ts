import type { ContainerSummary } from '@skiff/engine-api';
import type { CliContext } from '../context';
import type { Filters } from '../flags';
import { ellipsis, formatRows, goQuote, humanDuration, shortId } from '../format';

export interface PsOptions {
  all?: boolean;
  quiet?: boolean;
  noTrunc?: boolean;
  format?: string;
  filters?: Filters;
}

const DEFAULT_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

const HEADERS = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Status: 'STATUS',
  State: 'STATE',
  Ports: 'PORTS',
  Names: 'NAMES',
  Labels: 'LABELS',
  Size: 'SIZE',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  LocalVolumes: 'LOCAL VOLUMES',
};

function ports(c: ContainerSummary): string {
  return (c.Ports ?? [])
    .map((p) => (p.PublicPort ? `${p.IP ?? '0.0.0.0'}:${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`))
    .join(', ');
}

/** The fields `docker ps --format` offers, rendered as docker renders them. */
export function containerRow(c: ContainerSummary, now: Date, trunc: boolean) {
  const created = new Date(c.Created * 1000);
  const command = trunc ? ellipsis(c.Command, 20) : c.Command;
  return {
    Command: goQuote(command),
    CreatedAt: created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    ID: trunc ? shortId(c.Id) : c.Id,
    Image: trunc && c.Image.startsWith('sha256:') ? shortId(c.Image) : c.Image,
    Labels: Object.entries(c.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
    LocalVolumes: '0',
    Mounts: '',
    // Only the container's own names: a leading slash, and no further one (that would be a link).
    Names: c.Names.map((n) => n.replace(/^\//, '')).filter((n) => !n.includes('/')).join(','),
    Networks: '',
    Ports: ports(c),
    RunningFor: `${humanDuration(now.getTime() - created.getTime())} ago`,
    Size: '',
    State: c.State,
    Status: c.Status,
  };
}

export async function ps(ctx: CliContext, options: PsOptions): Promise<number> {
  // No client-side "all" for a status filter: the daemon lists stopped containers for it, as dockerd.
  const containers = await ctx.engine.listContainers({ all: options.all, filters: options.filters });
  const trunc = !options.noTrunc;
  if (options.quiet) {
    for (const c of containers) ctx.stdout.write(`${trunc ? shortId(c.Id) : c.Id}\n`);
    return 0;
  }
  const rows = containers.map((c) => containerRow(c, ctx.now(), trunc));
  ctx.stdout.write(formatRows(options.format ?? DEFAULT_FORMAT, rows, HEADERS));
  return 0;
}
