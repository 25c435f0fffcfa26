// GET /containers/{id}/stats: Docker's stats JSON, one document per second while stream=true,
// or one (after a second sample, so clients can compute CPU %) with stream=false; one-shot=true
// answers the first sample at once.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type StatsSample, statsDocument, systemCpuUsageNs } from '../../core/stats';
import { containerNetworkStats } from '../../core/stats-network';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
// stream defaults to true, unlike Docker's other booleans.
const QuerySchema = z.object({ stream: z.string().optional(), 'one-shot': z.string().optional() });
const truthy = (v: string | undefined, absent: boolean) => (v === undefined ? absent : ['1', 'true', 'True'].includes(v));

const INTERVAL_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function statsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/:id/stats', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    const stream = truthy(q.stream, true);
    const oneShot = truthy(q['one-shot'], false);
    const record = deps.containers.get(id);
    const sample = async (): Promise<StatsSample | undefined> => {
      const metrics = deps.containers.running(record.Id) ? await deps.containers.metrics(record.Id) : undefined;
      if (!metrics) return undefined;
      // Read each time: a restart between samples gives the container a new init process.
      const { State, HostConfig } = deps.containers.get(record.Id);
      const networks = containerNetworkStats(State.Pid, HostConfig.NetworkMode);
      return { read: new Date(), metrics, systemCpuNs: systemCpuUsageNs(), ...(networks ? { networks } : {}) };
    };
    // A stopped container: Docker sends zeroed stats rather than an error.
    const empty = () => ({ name: `/${record.Name}`, id: record.Id, read: '0001-01-01T00:00:00Z', preread: '0001-01-01T00:00:00Z', pids_stats: {}, blkio_stats: {}, num_procs: 0, storage_stats: {}, cpu_stats: { cpu_usage: { total_usage: 0 }, throttling_data: {} }, precpu_stats: { cpu_usage: { total_usage: 0 }, throttling_data: {} }, memory_stats: {} });
    if (!stream) {
      const first = await sample();
      if (!first) return empty();
      if (oneShot) return statsDocument(record.Name, record.Id, first, undefined);
      await sleep(INTERVAL_MS);
      const second = await sample();
      return second ? statsDocument(record.Name, record.Id, second, first) : empty();
    }
    let closed = false;
    request.raw.on('close', () => (closed = true));
    async function* documents() {
      let previous: StatsSample | undefined;
      while (!closed) {
        const current = await sample();
        if (!current) {
          yield `${JSON.stringify(empty())}\n`;
          return;
        }
        yield `${JSON.stringify(statsDocument(record.Name, record.Id, current, previous))}\n`;
        previous = current;
        await sleep(INTERVAL_MS);
      }
    }
    return reply.type('application/json').send(Readable.from(documents()));
  });
}
