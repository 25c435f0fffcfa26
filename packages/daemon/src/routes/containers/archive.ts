// `docker cp`: HEAD /containers/{id}/archive (stat a path), GET (a tar of it) and PUT (extract a
// tar into a directory), with the path's stat in X-Docker-Container-Path-Stat. Every path is
// resolved inside the container root (core/archive-paths.ts), never through the host's view of
// its symlinks.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { invalidArgument, notFound, permissionDenied } from '@skiff/errors';
import { encodePathStat, pathStat, resolveInRoot, type Resolved } from '../../core/archive-paths';
import { extractInto, packTree } from '../../core/archive-tar';
import { resolveUser } from '../../core/hostconfig-user';
import type { ApiDeps } from '../../http/deps';
import { parse, queryBool } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const PathQuerySchema = z.object({ path: z.string({ error: 'path is required' }).min(1, 'path is required') });
const PutQuerySchema = PathQuerySchema.extend({ noOverwriteDirNonDir: queryBool, copyUIDGID: queryBool });

const STAT_HEADER = 'X-Docker-Container-Path-Stat';

/** As Go's filepath.Base, keeping Docker's "dir/." meaning "the contents of dir". */
function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  return trimmed === '' ? '/' : path.posix.basename(trimmed);
}

/** A trailing "/" or "/." asks for what a final symlink points to, as Docker resolves it. */
function followsFinal(p: string): boolean {
  return p.endsWith('/') || p.endsWith('/.') || p === '.';
}

async function statPath(root: string, ref: string, p: string): Promise<{ resolved: Resolved; stat: ReturnType<typeof pathStat> }> {
  const containerPath = p.startsWith('/') ? p : `/${p}`;
  const resolved = await resolveInRoot(root, containerPath, followsFinal(p));
  const st = await fsp.lstat(resolved.hostPath).catch(() => {
    throw notFound(`Could not find the file ${p} in container ${ref}`);
  });
  let linkTarget = '';
  if (st.isSymbolicLink()) linkTarget = (await resolveInRoot(root, resolved.containerPath, true)).containerPath;
  return { resolved, stat: pathStat(baseName(containerPath), st, linkTarget) };
}

export function archiveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.head('/containers/:id/archive', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(PathQuerySchema, request.query, 'query');
    const { stat } = await deps.containers.withRootfs(id, 'ro', (root) => statPath(root, id, q.path));
    return reply.header(STAT_HEADER, encodePathStat(stat)).send();
  });

  app.get('/containers/:id/archive', { exposeHeadRoute: false }, async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(PathQuerySchema, request.query, 'query');
    // The view must stay until the tar is read; the reply starts as soon as the stat is known.
    return new Promise<FastifyReply>((resolve, reject) => {
      deps.containers
        .withRootfs(id, 'ro', async (root, record) => {
          const { resolved, stat } = await statPath(root, id, q.path);
          // /proc and /sys of a live container are kernel views, not its files.
          const live = root.startsWith('/proc/');
          const skip = (relative: string) => live && resolved.containerPath === '/' && (relative === 'proc' || relative === 'sys');
          const tar: Readable = packTree(resolved.hostPath, stat.name === '/' ? '.' : stat.name, { skip });
          resolve(reply.header(STAT_HEADER, encodePathStat(stat)).type('application/x-tar').send(tar));
          request.log.debug({ container: record.Id, path: q.path }, 'archiving');
          await finished(tar).catch(() => undefined);
        })
        .catch(reject);
    });
  });

  app.put('/containers/:id/archive', { config: { rawBody: true } }, async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(PutQuerySchema, request.query, 'query');
    const body = request.body as Readable | undefined;
    if (!body) throw invalidArgument('empty tar archive');
    await deps.containers.withRootfs(id, 'rw', async (root, record) => {
      if (record.HostConfig.ReadonlyRootfs) throw permissionDenied('container rootfs is marked read-only');
      const containerPath = q.path.startsWith('/') ? q.path : `/${q.path}`;
      const dest = await resolveInRoot(root, containerPath, true);
      const st = await fsp.stat(dest.hostPath).catch(() => {
        throw notFound(`Could not find the file ${q.path} in container ${id}`);
      });
      if (!st.isDirectory()) throw invalidArgument('extraction point is not a directory');
      await extractInto(root, dest.containerPath, body, { noOverwriteDirNonDir: q.noOverwriteDirNonDir ?? false, owner: q.copyUIDGID ? owner(root, record.Config.User) : undefined });
    });
    return reply.code(200).send();
  });
}

/** With copyUIDGID, files belong to the container's user (names looked up in its /etc/passwd). */
function owner(root: string, user: string): { uid: number; gid: number } {
  const { uid, gid } = resolveUser(root, user);
  return { uid, gid };
}
