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
    return {
      LayersSize: images.reduce((sum, i) => sum + i.resolved.layersSize, 0),
      Images: images.map((i) => imageSummary(i, containers.filter((c) => c.Image === i.id).length, version)),
      Containers: containers.map((c) => ({ ...summary(c), SizeRw: 0, SizeRootFs: 0 })),
      Volumes: deps.containers.volumes.list().map((v) => ({ ...v, UsageData: deps.containers.volumes.usage(v.Name) })),
      BuildCache: [],
    };
  });
}
