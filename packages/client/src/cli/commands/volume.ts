// docker volume create | ls | inspect | rm | prune
import type { CliContext } from '../context';
import { forEach } from './each';
import { formatRows, humanSize } from '../format';
import type { Filters } from '../flags';
import { compileTemplate, goJson } from '../template';
import { confirm, printPruned } from './prune';

const HEADERS = { Driver: 'DRIVER', Name: 'VOLUME NAME', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS' };

/** "k=v" options into a map, as docker's --opt and --label. */
export function keyValues(list: string[] = []): Record<string, string> {
  return Object.fromEntries(list.map((item) => { const eq = item.indexOf('='); return eq < 0 ? [item, ''] : [item.slice(0, eq), item.slice(eq + 1)]; }));
}

export async function volumeCreate(ctx: CliContext, name: string | undefined, options: { driver?: string; opt?: string[]; label?: string[] }): Promise<number> {
  const volume = await ctx.engine.createVolume({ Name: name, Driver: options.driver ?? 'local', DriverOpts: keyValues(options.opt), Labels: keyValues(options.label) });
  ctx.stdout.write(`${volume.Name}\n`);
  return 0;
}

export async function volumeLs(ctx: CliContext, options: { quiet?: boolean; format?: string; filter?: Filters }): Promise<number> {
  const volumes = [...((await ctx.engine.listVolumes({ filters: options.filter })).Volumes ?? [])].sort((a, b) => a.Name.localeCompare(b.Name));
  if (options.quiet) {
    ctx.stdout.write(volumes.map((v) => `${v.Name}\n`).join(''));
    return 0;
  }
  // docker's volume formatter context; Group, Availability and Status are a cluster volume's.
  const rows = volumes.map((v) => {
    const usage = (v as { UsageData?: { Size: number; RefCount: number } | null }).UsageData;
    return {
      Availability: 'N/A',
      Driver: v.Driver,
      Group: 'N/A',
      Labels: Object.entries(v.Labels ?? {}).map(([k, val]) => `${k}=${val}`).join(','),
      Links: usage ? String(usage.RefCount) : 'N/A',
      Mountpoint: v.Mountpoint,
      Name: v.Name,
      Scope: v.Scope,
      Size: usage ? humanSize(usage.Size, 4) : 'N/A',
      Status: 'N/A',
    };
  });
  ctx.stdout.write(formatRows(options.format, 'table {{.Driver}}\t{{.Name}}', rows, HEADERS));
  return 0;
}

export async function volumeInspect(ctx: CliContext, names: string[], options: { format?: string }): Promise<number> {
  return inspectEach(ctx, names, options.format, (name) => ctx.engine.inspectVolume(name));
}

export function volumeRm(ctx: CliContext, names: string[], options: { force?: boolean }): Promise<number> {
  return forEach(ctx, names, async (name) => {
    await ctx.engine.removeVolume(name, options.force);
    return name;
  });
}

export async function volumePrune(ctx: CliContext, options: { all?: boolean; force?: boolean; filter?: Filters }): Promise<number> {
  if (options.all && options.filter?.all) {
    ctx.stderr.write('conflicting options: cannot specify both --all and --filter all=1\n');
    return 1;
  }
  const warning = options.all
    ? 'WARNING! This will remove all local volumes not used by at least one container.'
    : 'WARNING! This will remove anonymous local volumes not used by at least one container.';
  if (!options.force && !(await confirm(ctx, warning))) return 0;
  const result = await ctx.engine.pruneVolumes({ all: options.all, filters: options.filter });
  printPruned(ctx, 'Deleted Volumes:', result.VolumesDeleted, result.SpaceReclaimed ?? 0);
  return 0;
}

/**
 * `inspect` of named objects: a JSON array indented as docker's, or one --format line each; a
 * missing one is reported and makes the status 1 while the others still print.
 */
export async function inspectEach(ctx: CliContext, names: string[], format: string | undefined, get: (name: string) => Promise<unknown>): Promise<number> {
  // "json" prints the array as one line, where a template prints a line per object.
  const render = format && format !== 'json' ? compileTemplate(format) : undefined;
  const found: unknown[] = [];
  let status = 0;
  for (const name of names) {
    try {
      const object = await get(name);
      if (render) ctx.stdout.write(`${render(object)}\n`);
      else found.push(object);
    } catch (err) {
      ctx.stderr.write(`Error response from daemon: ${(err as Error).message}\n`);
      status = 1;
    }
  }
  if (!render) ctx.stdout.write(`${format === 'json' ? goJson(found) : JSON.stringify(found, null, 4)}\n`);
  return status;
}
