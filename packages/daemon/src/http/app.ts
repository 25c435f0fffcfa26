// The Docker Engine API as a fastify app, built without listening so tests inject requests and
// skiffd's listeners (unix, tcp) share one instance.
import fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { invalidArgument } from '@skiff/errors';
import { archiveRoutes } from '../routes/containers/archive';
import { changesRoutes } from '../routes/containers/changes';
import { containerPruneRoutes } from '../routes/containers/prune';
import { exportRoutes } from '../routes/containers/export';
import { attachRoutes } from '../routes/containers/attach';
import { attachWsRoutes } from '../routes/containers/attach-ws';
import { createRoutes } from '../routes/containers/create';
import { inspectRoutes } from '../routes/containers/inspect';
import { killRoutes } from '../routes/containers/kill';
import { listRoutes } from '../routes/containers/list';
import { logsRoutes } from '../routes/containers/logs';
import { pauseRoutes } from '../routes/containers/pause';
import { removeRoutes } from '../routes/containers/remove';
import { renameRoutes } from '../routes/containers/rename';
import { restartRoutes } from '../routes/containers/restart';
import { statsRoutes } from '../routes/containers/stats';
import { topRoutes } from '../routes/containers/top';
import { updateRoutes } from '../routes/containers/update';
import { resizeRoutes } from '../routes/containers/resize';
import { startRoutes } from '../routes/containers/start';
import { stopRoutes } from '../routes/containers/stop';
import { waitRoutes } from '../routes/containers/wait';
import { execCreateRoutes } from '../routes/exec/create';
import { execInspectRoutes } from '../routes/exec/inspect';
import { execStartRoutes } from '../routes/exec/start';
import { imageArchiveRoutes } from '../routes/images/archive';
import { imageByNameRoutes } from '../routes/images/by-name';
import { commitRoutes } from '../routes/images/commit';
import { imageCreateRoutes } from '../routes/images/create';
import { imageListRoutes } from '../routes/images/list';
import { imagePruneRoutes } from '../routes/images/prune';
import { networkRoutes } from '../routes/networks';
import { authRoutes } from '../routes/system/auth';
import { dfRoutes } from '../routes/system/df';
import { eventsRoutes } from '../routes/system/events';
import { infoRoutes } from '../routes/system/info';
import { volumeRoutes } from '../routes/volumes';
import { pingRoutes } from '../routes/system/ping';
import { versionRoutes } from '../routes/system/version';
import { requestVersion, stripVersion } from './api-version';
import type { ApiDeps } from './deps';
import { errorHandler } from './errors';
import { engineHeaders } from './headers';

// Container configs can be large (env, labels); Docker has no small limit either. Tar bodies are
// streamed and not limited.
const BODY_LIMIT = 16 * 1024 * 1024;

export function buildApp(deps: ApiDeps, log: Logger): FastifyInstance {
  const app = fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Our onRequest hook logs requests at debug; fastify's own lines would repeat them at info.
    logController: new LogController({ disableRequestLogging: true }),
    rewriteUrl: (req) => stripVersion(req),
    bodyLimit: BODY_LIMIT,
    // Long waits, attaches and followed logs must not be cut by the server.
    requestTimeout: 0,
    keepAliveTimeout: 60_000,
  });

  // Docker clients send bodies with or without a JSON content type, and empty bodies with one:
  // parse whatever comes as JSON when there is something to parse. Routes that take a tar body
  // (load, import) set config.rawBody and get the request stream itself, unbuffered.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    if ((request.routeOptions.config as { rawBody?: boolean }).rawBody) return done(null, payload);
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        payload.destroy();
        done(invalidArgument(`request body larger than ${BODY_LIMIT} bytes`), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('error', (err) => done(err, undefined));
    payload.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(body.toString('utf8')));
      } catch (err) {
        done(invalidArgument(`invalid JSON body: ${(err as Error).message}`), undefined);
      }
    });
  });

  app.addHook('onRequest', async (request) => {
    requestVersion(request.raw);
    request.log.debug({ method: request.method, url: request.url }, 'request');
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.headers(engineHeaders());
    // Docker clients parse an error body only when its type is exactly "application/json";
    // fastify appends a charset, which would make them print the raw JSON instead of the message.
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) void reply.header('content-type', 'application/json');
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).type('application/json').send({ message: 'page not found' });
  });

  for (const routes of [pingRoutes, versionRoutes, infoRoutes, authRoutes, dfRoutes, networkRoutes, volumeRoutes, eventsRoutes]) routes(app, deps);
  for (const routes of [createRoutes, listRoutes, inspectRoutes, startRoutes, stopRoutes, killRoutes, waitRoutes, removeRoutes, logsRoutes, attachRoutes, attachWsRoutes, resizeRoutes, pauseRoutes, restartRoutes, renameRoutes, topRoutes, statsRoutes, updateRoutes, archiveRoutes, exportRoutes, changesRoutes, containerPruneRoutes]) {
    routes(app, deps);
  }
  for (const routes of [execCreateRoutes, execStartRoutes, execInspectRoutes]) routes(app, deps);
  for (const routes of [imageListRoutes, imageCreateRoutes, imageArchiveRoutes, imagePruneRoutes, commitRoutes, imageByNameRoutes]) routes(app, deps);
  return app;
}
