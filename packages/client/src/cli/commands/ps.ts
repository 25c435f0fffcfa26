import type { ContainerSummary } from '@skiff/engine-api';
import type { CliContext } from '../context';
import type { Filters } from '../flags';
import { ellipsis, formatRows, goQuote, humanDuration, humanSize, shortId } from '../format';

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

function size(c: ContainerSummary): string {
  const rw = humanSize(c.SizeRw ?? 0);
  return c.SizeRootFs ? `${rw} (virtual ${humanSize(c.SizeRootFs)})` : rw;
}

/** The fields `docker ps --format` offers (its formatter context), rendered as docker renders them. */
export function containerRow(c: ContainerSummary, now: Date, trunc: boolean) {
  const created = new Date(c.Created * 1000);
  const command = trunc ? ellipsis(c.Command, 20) : c.Command;
  const mounts = c.Mounts ?? [];
  return {
    Command: goQuote(command),
    CreatedAt: created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    ID: trunc ? shortId(c.Id) : c.Id,
    Image: trunc && c.Image.startsWith('sha256:') ? shortId(c.Image) : c.Image,
    Labels: Object.entries(c.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
    LocalVolumes: String(mounts.filter((m) => m.Driver === 'local').length),
    Mounts: mounts.map((m) => (trunc ? ellipsis(m.Name || m.Source || '', 15) : m.Name || m.Source || '')).join(','),
    // Only the container's own names: a leading slash, and no further one (that would be a link).
    Names: c.Names.map((n) => n.replace(/^\//, '')).filter((n) => !n.includes('/')).join(','),
    Networks: Object.keys(c.NetworkSettings?.Networks ?? {})
      .sort()
      .join(','),
    Platform: c.ImageManifestDescriptor?.platform ?? null,
    Ports: ports(c),
    RunningFor: `${humanDuration(now.getTime() - created.getTime())} ago`,
    Size: size(c),
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
  ctx.stdout.write(formatRows(options.format, DEFAULT_FORMAT, rows, HEADERS));
  return 0;
}
