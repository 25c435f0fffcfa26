// Docker's JSON shapes of an image: the summary of GET /images/json, the inspect document and
// the history entries.
import { compareVersions } from '../../http/api-version';
import type { DockerImage } from '../../core/image-service';
import { familiarReference } from '../../core/images';

const unixSeconds = (iso: string | undefined) => (iso ? Math.floor(Date.parse(iso) / 1000) || 0 : 0);

const familiar = (image: DockerImage) => ({
  tags: image.names.map(familiarReference),
  digests: image.repoDigests.map(familiarReference),
});

/**
 * `sharedSize` is what GET /system/df computes (bytes of layers other images use too); the
 * image list leaves it unknown (-1), as dockerd does without `shared-size`.
 */
export function imageSummary(image: DockerImage, containers: number, apiVersion: string, sharedSize = -1): object {
  const { tags, digests } = familiar(image);
  const old = compareVersions(apiVersion, '1.44') < 0;
  return {
    Id: image.id,
    ParentId: '',
    // Before 1.44, untagged images were listed with Docker's "<none>" placeholders.
    RepoTags: tags.length === 0 && old ? ['<none>:<none>'] : tags,
    RepoDigests: digests.length === 0 && old ? ['<none>@<none>'] : digests,
    Created: unixSeconds(image.resolved.config.created),
    Size: image.resolved.layersSize,
    SharedSize: sharedSize,
    ...(old ? { VirtualSize: image.resolved.layersSize } : {}),
    Labels: image.resolved.config.config?.Labels ?? {},
    Containers: containers,
  };
}

/** The image config's fields in the order of Docker's OCI image config struct (all `omitempty`). */
const IMAGE_CONFIG_ORDER = ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped', 'Healthcheck', 'OnBuild', 'Shell'];

const isEmpty = (v: unknown) => v == null || v === '' || v === false || (typeof v === 'object' && Object.keys(v).length === 0);

/** inspect's Config: Docker's fields in order without the empty ones, then any others the image carries, as stored. */
export function imageConfigView(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of IMAGE_CONFIG_ORDER) if (!isEmpty(config[key])) out[key] = config[key];
  for (const [key, value] of Object.entries(config)) if (!IMAGE_CONFIG_ORDER.includes(key)) out[key] = value;
  return out;
}

export function imageInspect(image: DockerImage, apiVersion: string): object {
  const { tags, digests } = familiar(image);
  const c = image.resolved.config;
  return {
    Id: image.id,
    RepoTags: tags,
    RepoDigests: digests,
    Parent: '',
    Comment: c.comment ?? c.history?.at(-1)?.comment ?? '',
    Created: c.created ?? '',
    DockerVersion: '',
    Author: c.author ?? '',
    Config: imageConfigView(c.config ?? {}),
    Architecture: c.architecture ?? '',
    ...(c.variant ? { Variant: c.variant } : {}),
    Os: c.os ?? '',
    Size: image.resolved.layersSize,
    ...(compareVersions(apiVersion, '1.44') < 0 ? { VirtualSize: image.resolved.layersSize } : {}),
    GraphDriver: { Data: null, Name: 'overlayfs' },
    RootFS: { Type: 'layers', Layers: c.rootfs?.diff_ids ?? [] },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}

/** Newest first, as `docker history` prints; only the top entry carries the id and tags. */
export function imageHistory(image: DockerImage): object[] {
  const entries = image.resolved.config.history ?? [];
  const { tags } = familiar(image);
  return entries
    .map((h) => ({
      Id: '<missing>',
      Created: unixSeconds(h.created),
      CreatedBy: h.created_by ?? '',
      Tags: null as string[] | null,
      // Layer sizes are not kept per history entry; Docker reports 0 for empty layers.
      Size: 0,
      Comment: h.comment ?? '',
    }))
    .reverse()
    .map((h, i) => (i === 0 ? { ...h, Id: image.id, Tags: tags } : h));
}
