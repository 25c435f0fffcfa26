// skiffd's answers read with @skiff/engine-api's schemas, the ones @skiff/client parses them
// with: the SDK's types and the daemon's output are held to one definition.
import {
  ContainerCreateResponseSchema,
  ContainerInspectSchema,
  ContainerSummarySchema,
  DiskUsageSchema,
  ErrorBodySchema,
  ExecInspectSchema,
  IdResponseSchema,
  ImageHistoryItemSchema,
  ImageSummarySchema,
  InfoSchema,
  NetworkSchema,
  VersionSchema,
  VolumeListSchema,
  VolumeSchema,
} from '@skiff/engine-api';
import type { z } from 'zod';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

async function answer<S extends z.ZodType>(schema: S, method: 'GET' | 'POST', url: string, payload?: object): Promise<z.infer<S>> {
  const r = await d.app.inject({ method, url, ...(payload ? { payload } : {}) });
  expect(r.statusCode).toBeLessThan(300);
  const parsed = schema.safeParse(r.json());
  if (!parsed.success) throw new Error(`${method} ${url}: ${parsed.error.message}`);
  return parsed.data;
}

it('system: version, info, df', async () => {
  expect((await answer(VersionSchema, 'GET', '/version')).ApiVersion).toBe('1.44');
  await answer(InfoSchema, 'GET', '/info');
  await answer(DiskUsageSchema, 'GET', '/system/df');
});

it('containers: create, list, inspect; errors as { message }', async () => {
  const { Id } = await answer(ContainerCreateResponseSchema, 'POST', '/containers/create?name=web', { Image: 'busybox', Cmd: ['sleep', '1'], Labels: { a: 'b' } });
  await answer(ContainerInspectSchema, 'GET', `/containers/${Id}/json`);
  expect((await d.app.inject({ method: 'POST', url: `/containers/${Id}/start` })).statusCode).toBe(204);
  const list = await answer(ContainerSummarySchema.array(), 'GET', '/containers/json?all=1');
  expect(list.map((c) => c.Id)).toEqual([Id]);
  const inspected = await answer(ContainerInspectSchema, 'GET', `/containers/${Id}/json`);
  expect(inspected.State?.Running).toBe(true);
  const missing = await d.app.inject({ method: 'GET', url: '/containers/nope/json' });
  expect(ErrorBodySchema.parse(missing.json()).message).toBe('No such container: nope');
});

it('exec: create and inspect', async () => {
  const { Id } = await answer(ContainerCreateResponseSchema, 'POST', '/containers/create', { Image: 'busybox' });
  await d.app.inject({ method: 'POST', url: `/containers/${Id}/start` });
  const exec = await answer(IdResponseSchema, 'POST', `/containers/${Id}/exec`, { Cmd: ['true'] });
  const inspected = await answer(ExecInspectSchema, 'GET', `/exec/${exec.Id}/json`);
  expect(inspected.Running).toBe(false);
});

it('images, volumes, networks', async () => {
  const images = await answer(ImageSummarySchema.array(), 'GET', '/images/json');
  expect(images.length).toBeGreaterThan(0);
  await answer(ImageHistoryItemSchema.array(), 'GET', `/images/${images[0]!.Id}/history`);
  await answer(VolumeSchema, 'POST', '/volumes/create', { Name: 'data', Labels: { a: 'b' } });
  expect((await answer(VolumeListSchema, 'GET', '/volumes')).Volumes?.map((v) => v.Name)).toEqual(['data']);
  await answer(NetworkSchema.array(), 'GET', '/networks');
});
