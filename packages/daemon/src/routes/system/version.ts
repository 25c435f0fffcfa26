import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../http/deps';
import { API_VERSION, MIN_API_VERSION } from '../../http/api-version';
import { revision, version } from '../../version';

export function versionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/version', async () => {
    const engine = {
      Version: version,
      ApiVersion: API_VERSION,
      MinAPIVersion: MIN_API_VERSION,
      GitCommit: revision,
      // Docker clients print it as "Go version"; ours is the Node runtime's.
      GoVersion: `node${process.versions.node}`,
      Os: 'linux',
      Arch: deps.facts.arch,
      KernelVersion: deps.facts.kernelVersion,
      BuildTime: '',
    };
    const containerd = await deps.containerdVersion();
    return {
      Platform: { Name: 'Skiff Engine' },
      Components: [
        { Name: 'Engine', Version: version, Details: { ...engine, Experimental: 'false' } },
        ...(containerd ? [{ Name: 'skiff-containerd', Version: containerd, Details: { GitCommit: '' } }] : []),
      ],
      ...engine,
    };
  });
}
