// docker system df | prune (events and info are the top-level verbs' own code).
import type { CliContext } from '../context';
import { formatRows, humanSize } from '../format';
import { confirm } from './prune';

/** go-units' HumanSize, which docker system df uses: four significant digits. */
const size = (bytes: number) => humanSize(bytes, 4);

const DF_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };

function reclaimable(part: number, total: number): string {
  return total > 0 ? `${size(part)} (${Math.floor((part * 100) / total)}%)` : size(part);
}

export async function systemDf(ctx: CliContext, options: { format?: string }): Promise<number> {
  const df = await ctx.engine.diskUsage();
  const images = df.Images ?? [];
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const imagesSize = df.LayersSize ?? images.reduce((sum, i) => sum + i.Size, 0);
  // docker's reckoning: what images in use hold alone is kept, the rest reclaimable; an image whose
  // sizes are unknown (-1) counts as holding nothing.
  const imagesUsed = images
    .filter((i) => i.Containers && i.Size !== -1 && i.SharedSize !== -1)
    .reduce((sum, i) => sum + i.Size - (i.SharedSize ?? 0), 0);
  const imagesUnused = imagesSize - imagesUsed;
  const active = (c: { State?: string }) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting';
  const containersSize = containers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0);
  const containersStopped = containers.filter((c) => !active(c)).reduce((sum, c) => sum + (c.SizeRw ?? 0), 0);
  const volumesSize = volumes.reduce((sum, v) => sum + Math.max(v.UsageData?.Size ?? 0, 0), 0);
  const volumesUnused = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((sum, v) => sum + Math.max(v.UsageData?.Size ?? 0, 0), 0);
  const rows = [
    { Type: 'Images', TotalCount: String(images.length), Active: String(images.filter((i) => (i.Containers ?? 0) > 0).length), Size: size(imagesSize), Reclaimable: reclaimable(imagesUnused, imagesSize) },
    { Type: 'Containers', TotalCount: String(containers.length), Active: String(containers.filter(active).length), Size: size(containersSize), Reclaimable: reclaimable(containersStopped, containersSize) },
    { Type: 'Local Volumes', TotalCount: String(volumes.length), Active: String(volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length), Size: size(volumesSize), Reclaimable: reclaimable(volumesUnused, volumesSize) },
    { Type: 'Build Cache', TotalCount: String((df.BuildCache ?? []).length), Active: '0', Size: '0B', Reclaimable: '0B' },
  ];
  ctx.stdout.write(formatRows(options.format, 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}', rows, DF_HEADERS));
  return 0;
}

export async function systemPrune(ctx: CliContext, options: { all?: boolean; force?: boolean; volumes?: boolean }): Promise<number> {
  const items = ['all stopped containers', 'all networks not used by at least one container'];
  if (options.volumes) items.push('all anonymous volumes not used by at least one container');
  items.push(options.all ? 'all images without at least one container associated to them' : 'all dangling images');
  if (!options.force && !(await confirm(ctx, `WARNING! This will remove:\n${items.map((i) => `  - ${i}\n`).join('')}`))) return 0;
  let reclaimed = 0;
  const containers = await ctx.engine.pruneContainers();
  reclaimed += containers.SpaceReclaimed ?? 0;
  if (containers.ContainersDeleted?.length) ctx.stdout.write(`Deleted Containers:\n${containers.ContainersDeleted.map((id) => `${id}\n`).join('')}\n`);
  const networks = await ctx.engine.pruneNetworks();
  if (networks.NetworksDeleted?.length) ctx.stdout.write(`Deleted Networks:\n${networks.NetworksDeleted.map((n) => `${n}\n`).join('')}\n`);
  if (options.volumes) {
    const volumes = await ctx.engine.pruneVolumes();
    reclaimed += volumes.SpaceReclaimed ?? 0;
    if (volumes.VolumesDeleted?.length) ctx.stdout.write(`Deleted Volumes:\n${volumes.VolumesDeleted.map((v) => `${v}\n`).join('')}\n`);
  }
  const images = await ctx.engine.pruneImages({ all: options.all });
  reclaimed += images.SpaceReclaimed ?? 0;
  if (images.ImagesDeleted?.length)
    ctx.stdout.write(`Deleted Images:\n${images.ImagesDeleted.map((i) => (i.Untagged ? `untagged: ${i.Untagged}\n` : `deleted: ${i.Deleted}\n`)).join('')}\n`);
  ctx.stdout.write(`Total reclaimed space: ${size(reclaimed)}\n`);
  return 0;
}
