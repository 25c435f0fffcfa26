// docker network create | ls | inspect | rm | prune | connect | disconnect
import type { CliContext } from '../context';
import { formatRows, goTime, shortId } from '../format';
import type { Filters } from '../flags';
import { forEach } from './each';
import { confirm, printPruned } from './prune';
import { inspectEach, keyValues } from './volume';

const HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv6: 'IPV6', Internal: 'INTERNAL', CreatedAt: 'CREATED AT', Labels: 'LABELS' };

export async function networkCreate(ctx: CliContext, name: string, options: { driver?: string; internal?: boolean; label?: string[]; subnet?: string[]; gateway?: string[] }): Promise<number> {
  const subnets = options.subnet ?? [];
  const IPAM = subnets.length ? { Driver: 'default', Config: subnets.map((Subnet, i) => ({ Subnet, ...(options.gateway?.[i] ? { Gateway: options.gateway[i] } : {}) })) } : undefined;
  const { Id } = await ctx.engine.createNetwork({ Name: name, Driver: options.driver ?? 'bridge', Internal: options.internal === true, Labels: keyValues(options.label), IPAM });
  ctx.stdout.write(`${Id}\n`);
  return 0;
}

export async function networkLs(ctx: CliContext, options: { quiet?: boolean; noTrunc?: boolean; format?: string; filters?: Filters }): Promise<number> {
  const networks = [...(await ctx.engine.listNetworks({ filters: options.filters }))].sort((a, b) => a.Name.localeCompare(b.Name));
  const id = (value: string) => (options.noTrunc ? value : shortId(value));
  if (options.quiet) {
    ctx.stdout.write(networks.map((n) => `${id(n.Id)}\n`).join(''));
    return 0;
  }
  // docker's network formatter context.
  const rows = networks.map((n) => {
    const { EnableIPv4, EnableIPv6 } = n as { EnableIPv4?: boolean; EnableIPv6?: boolean };
    return {
      CreatedAt: n.Created ? goTime(new Date(n.Created)) : '',
      Driver: n.Driver,
      ID: id(n.Id),
      // API 1.47 added EnableIPv4; before it every network had IPv4.
      IPv4: String(EnableIPv4 !== false),
      IPv6: String(EnableIPv6 === true),
      Internal: String(n.Internal === true),
      Labels: Object.entries(n.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
      Name: n.Name,
      Scope: n.Scope,
    };
  });
  ctx.stdout.write(formatRows(options.format, 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}', rows, HEADERS));
  return 0;
}

export function networkInspect(ctx: CliContext, names: string[], options: { format?: string }): Promise<number> {
  return inspectEach(ctx, names, options.format, (name) => ctx.engine.inspectNetwork(name));
}

/** docker network rm ends a failed removal with its own "exit status 1" line. */
export async function networkRm(ctx: CliContext, names: string[]): Promise<number> {
  const status = await forEach(ctx, names, async (name) => {
    await ctx.engine.removeNetwork(name);
    return name;
  });
  if (status !== 0) ctx.stderr.write(`exit status ${status}\n`);
  return status;
}

export async function networkPrune(ctx: CliContext, options: { force?: boolean; filter?: Filters }): Promise<number> {
  if (!options.force && !(await confirm(ctx, 'WARNING! This will remove all custom networks not used by at least one container.'))) return 0;
  printPruned(ctx, 'Deleted Networks:', (await ctx.engine.pruneNetworks({ filters: options.filter })).NetworksDeleted);
  return 0;
}

export async function networkConnect(ctx: CliContext, network: string, container: string): Promise<number> {
  await ctx.engine.connectNetwork(network, container);
  return 0;
}

export async function networkDisconnect(ctx: CliContext, network: string, container: string, options: { force?: boolean }): Promise<number> {
  await ctx.engine.disconnectNetwork(network, container, options.force);
  return 0;
}
