// GET /images/json: `docker images`, with all, digests and the filters reference, dangling,
// label, before and since; GET /images/search answers that search is not supported.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notImplemented } from '@skiff/errors';
import { type DockerImage, repositoryOf } from '../../core/image-service';
import { familiarReference } from '../../core/images';
import { requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse, queryBool } from '../../http/query';
import { imageSummary } from './views';

const QuerySchema = z.object({ all: queryBool, digests: queryBool, 'shared-size': queryBool, manifests: queryBool, filters: z.string().optional() });
const SUPPORTED = new Set(['reference', 'dangling', 'label', 'before', 'since']);

/** Docker's reference filter: a glob over the familiar name, with or without the tag. */
function referenceMatcher(pattern: string): (name: string) => boolean {
  const glob = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return (name) => {
    const familiar = familiarReference(name);
    const repo = familiar.replace(/:[^:/]+$/, '');
    return glob.test(familiar) || glob.test(repo);
  };
}

function created(image: DockerImage): number {
  return Date.parse(image.resolved.config.created ?? '') || 0;
}

export function imageListRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/images/search', async () => {
    throw notImplemented('search is not supported: Skiff pulls from the registries you name and keeps no search index');
  });

  app.get('/images/json', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const filters = parseFilters(q.filters, SUPPORTED);
    let images = await deps.images.all();
    const refs = filters.get('reference');
    // Docker also lists only the matching tags of a matching image.
    if (refs) {
      const matchers = refs.map(referenceMatcher);
      images = images
        .map((i) => {
          const names = i.names.filter((n) => matchers.some((m) => m(n)));
          const repos = new Set(names.map(repositoryOf));
          return { ...i, names, repoDigests: i.repoDigests.filter((d) => repos.has(repositoryOf(d))) };
        })
        .filter((i) => i.names.length > 0);
    }
    const dangling = filters.get('dangling')?.[0];
    if (dangling !== undefined) images = images.filter((i) => (i.names.length === 0) === (dangling === 'true' || dangling === '1'));
    for (const label of filters.get('label') ?? []) {
      const [k, v] = label.split('=', 2) as [string, string | undefined];
      images = images.filter((i) => {
        const labels = i.resolved.config.config?.Labels ?? {};
        return k in labels && (v === undefined || labels[k] === v);
      });
    }
    for (const [key, keep] of [
      ['before', (t: number, ref: number) => t < ref],
      ['since', (t: number, ref: number) => t > ref],
    ] as const) {
      for (const ref of filters.get(key) ?? []) {
        const at = created((await deps.images.find(ref)).image);
        images = images.filter((i) => keep(created(i), at));
      }
    }
    const version = requestVersion(request.raw);
    images.sort((a, b) => created(b) - created(a));
    return images.map((i) => imageSummary(i, deps.containers.all().filter((c) => c.Image === i.id).length, version));
  });
}
