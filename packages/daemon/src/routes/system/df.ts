// GET /system/df: `docker system df`, from the images and containers skiffd knows.
import type { FastifyInstance } from 'fastify';
import { requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { summary } from '../containers/views';
import { imageSummary } from '../images/views';

export function dfRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/system/df', async (request) => {
    const version = requestVersion(request.raw);
    const containers = deps.containers.all();
    const images = await deps.images.all();
    // A layer counts as shared when more than one image (by id: tags of one image are one) has it.
    const holders = new Map<string, Set<string>>();
    const layerSizes = new Map<string, number>();
    for (const image of images) {
      for (const layer of image.resolved.layers) {
        holders.set(layer.digest, (holders.get(layer.digest) ?? new Set()).add(image.id));
        layerSizes.set(layer.digest, layer.size);
      }
    }
    const sharedSize = (image: (typeof images)[number]) => image.resolved.layers.filter((l) => holders.get(l.digest)!.size > 1).reduce((sum, l) => sum + l.size, 0);
    return {
      LayersSize: [...layerSizes.values()].reduce((sum, size) => sum + size, 0),
      Images: images.map((i) => imageSummary(i, containers.filter((c) => c.Image === i.id).length, version, sharedSize(i))),
      Containers: containers.map((c) => ({ ...summary(c), SizeRw: 0, SizeRootFs: 0 })),
      Volumes: deps.containers.volumes.list().map((v) => ({ ...v, UsageData: deps.containers.volumes.usage(v.Name) })),
      BuildCache: [],
    };
  });
}
