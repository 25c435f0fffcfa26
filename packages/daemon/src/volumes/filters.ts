// The filters of GET /volumes and POST /volumes/prune, and prune's choice of victims.
import { invalidArgument } from '@skiff/errors';
import { ANONYMOUS_LABEL, type VolumeStore, type VolumeView } from './store';

function truthy(value: string, key: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidArgument(`invalid filter '${key}=${value}'`);
}

/** "key", "key=value" (and, for list, Docker's older "key:value") against the labels. */
function labelMatches(labels: Record<string, string> | null, filter: string): boolean {
  const sep = filter.search(/[=:]/);
  const key = sep < 0 ? filter : filter.slice(0, sep);
  if (!labels || !(key in labels)) return false;
  return sep < 0 || labels[key] === filter.slice(sep + 1);
}

export function filterVolumes(store: VolumeStore, filters: Map<string, string[]>): VolumeView[] {
  return store.list().filter((v) => {
    const names = filters.get('name');
    if (names && !names.some((n) => v.Name.includes(n))) return false;
    const drivers = filters.get('driver');
    if (drivers && !drivers.includes(v.Driver)) return false;
    for (const l of filters.get('label') ?? []) if (!labelMatches(v.Labels, l)) return false;
    const dangling = filters.get('dangling');
    if (dangling && dangling.length > 0) {
      const want = truthy(dangling[0]!, 'dangling');
      if (want === store.inUse(v.Name)) return false;
    }
    return true;
  });
}

/**
 * Unused volumes go; since API 1.42 only anonymous ones unless all=true, as dockerd. label!=
 * keeps the volumes with that label.
 */
export function pruneVolumes(store: VolumeStore, filters: Map<string, string[]>, anonymousOnly: boolean): { VolumesDeleted: string[]; SpaceReclaimed: number } {
  const all = filters.get('all');
  const onlyAnonymous = anonymousOnly && !(all && all.length > 0 && truthy(all[0]!, 'all'));
  const deleted: string[] = [];
  let space = 0;
  for (const v of store.list()) {
    if (onlyAnonymous && !(v.Labels && ANONYMOUS_LABEL in v.Labels)) continue;
    if ((filters.get('label') ?? []).some((l) => !labelMatches(v.Labels, l))) continue;
    if ((filters.get('label!') ?? []).some((l) => labelMatches(v.Labels, l))) continue;
    if (store.inUse(v.Name)) continue;
    const size = store.size(v.Name);
    store.remove(v.Name);
    deleted.push(v.Name);
    space += size;
  }
  return { VolumesDeleted: deleted, SpaceReclaimed: space };
}
