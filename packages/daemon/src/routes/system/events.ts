// GET /events: the backlog asked for with `since`, then live events until `until` (or until the
// client leaves), one JSON object per line as dockerd streams them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type EngineEvent, eventMatches, eventNano, parseEventFilters, parseEventTime } from '../../core/events';
import type { ApiDeps } from '../../http/deps';
import { engineHeaders } from '../../http/headers';

const querySchema = z.object({ since: z.string().optional(), until: z.string().optional(), filters: z.string().optional() });

export function eventsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/events', async (request, reply) => {
    const query = querySchema.parse(request.query);
    const since = query.since ? parseEventTime(query.since, 'since') : undefined;
    const until = query.until ? parseEventTime(query.until, 'until') : undefined;
    const filters = parseEventFilters(query.filters);
    const wanted = (e: EngineEvent) => eventMatches(e, filters) && (until === undefined || eventNano(e) <= until);

    // Subscribed before the backlog is read so nothing published in between is lost.
    const live: EngineEvent[] = [];
    let deliver: ((e: EngineEvent) => void) | undefined;
    const unsubscribe = deps.events.subscribe((e) => (deliver ? deliver(e) : live.push(e)));
    const backlog = since === undefined ? [] : deps.events.recent().filter((e) => eventNano(e) >= since && wanted(e));

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...engineHeaders(), 'Content-Type': 'application/json' });
    res.flushHeaders();
    const write = (e: EngineEvent) => res.write(`${JSON.stringify(e)}\n`);
    for (const e of backlog) write(e);

    const nowNano = BigInt(Date.now()) * 1_000_000n;
    if (until !== undefined && until <= nowNano) {
      unsubscribe();
      res.end();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (!res.writableEnded) res.end();
    };
    const seen = new Set(backlog);
    deliver = (e) => {
      if (!seen.has(e) && wanted(e)) write(e);
    };
    for (const e of live) deliver(e);
    seen.clear();
    if (until !== undefined) timer = setTimeout(finish, Number((until - nowNano) / 1_000_000n) + 1);
    res.on('close', finish);
  });
}
