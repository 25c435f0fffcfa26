// GET /containers/{id}/logs over the json-file log the shim writes: stdcopy framing, raw output
// for TTY containers, stream selection, tail, since, timestamps, follow until the exit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { frame } from '../../src/core/stdcopy';
import { parseFrames } from '../helpers/stdcopy';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

function writeLog(file: string, lines: Array<[string, string, string]>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, lines.map(([stream, log, time]) => `${JSON.stringify({ log, stream, time })}\n`).join(''));
}

async function containerWithLog(tty = false): Promise<{ id: string; log: string }> {
  const r = await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox', Tty: tty } });
  const id = r.json().Id as string;
  const log = d.containers.get(id).LogPath;
  writeLog(log, [
    ['stdout', 'one\n', '2026-01-01T00:00:01.000000001Z'],
    ['stderr', 'two\n', '2026-01-01T00:00:02.000000002Z'],
    ['stdout', 'three\n', '2026-01-01T00:00:03.000000003Z'],
  ]);
  return { id, log };
}

const text = (frames: ReturnType<typeof parseFrames>) => frames.map((f) => `${f.stream}:${f.payload.toString()}`);

it('frames stdout and stderr with the 8-byte stdcopy header', () => {
  const f = frame('stderr', Buffer.from('hey'));
  expect([...f.subarray(0, 8)]).toEqual([2, 0, 0, 0, 0, 0, 0, 3]);
  expect(parseFrames(Buffer.concat([frame('stdout', Buffer.from('a')), f]))).toEqual([
    { stream: 'stdout', payload: Buffer.from('a') },
    { stream: 'stderr', payload: Buffer.from('hey') },
  ]);
});

it('multiplexes the log (API 1.42+ content type), and selects streams', async () => {
  const { id } = await containerWithLog();
  const r = await d.app.inject({ method: 'GET', url: `/v1.44/containers/${id}/logs?stdout=1&stderr=1` });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/vnd.docker.multiplexed-stream');
  expect(text(parseFrames(r.rawPayload))).toEqual(['stdout:one\n', 'stderr:two\n', 'stdout:three\n']);
  const old = await d.app.inject({ method: 'GET', url: `/v1.41/containers/${id}/logs?stderr=1` });
  expect(old.headers['content-type']).toBe('application/vnd.docker.raw-stream');
  expect(text(parseFrames(old.rawPayload))).toEqual(['stderr:two\n']);
  const none = await d.app.inject({ method: 'GET', url: `/containers/${id}/logs` });
  expect(none.statusCode).toBe(400);
  expect(none.json()).toEqual({ message: 'Bad parameters: you must choose at least one stream' });
});

it('tail, since and timestamps', async () => {
  const { id } = await containerWithLog();
  const get = async (q: string) => text(parseFrames((await d.app.inject({ method: 'GET', url: `/containers/${id}/logs?stdout=1&stderr=1&${q}` })).rawPayload));
  expect(await get('tail=2')).toEqual(['stderr:two\n', 'stdout:three\n']);
  expect(await get('tail=0')).toEqual([]);
  expect(await get('tail=all')).toHaveLength(3);
  // As dockerd: a negative or non-integer tail is every line (testcontainers sends -1).
  expect(await get('tail=-1')).toHaveLength(3);
  expect(await get('tail=x')).toHaveLength(3);
  expect(await get(`since=${Date.parse('2026-01-01T00:00:02Z') / 1000}`)).toEqual(['stderr:two\n', 'stdout:three\n']);
  expect(await get('timestamps=1&tail=1')).toEqual(['stdout:2026-01-01T00:00:03.000000003Z three\n']);
});

it('a TTY container\'s log is one raw stream', async () => {
  const { id } = await containerWithLog(true);
  const r = await d.app.inject({ method: 'GET', url: `/containers/${id}/logs?stdout=1&stderr=1` });
  expect(r.headers['content-type']).toBe('application/vnd.docker.raw-stream');
  expect(r.body).toBe('one\ntwo\nthree\n');
});

it('follow streams new lines until the container exits', async () => {
  const { id, log } = await containerWithLog();
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  const following = d.app.inject({ method: 'GET', url: `/containers/${id}/logs?stdout=1&follow=1&tail=1` });
  await new Promise((resolve) => setTimeout(resolve, 300));
  writeLog(log, [['stdout', 'four\n', '2026-01-01T00:00:04Z']]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  writeLog(log, [['stdout', 'five\n', '2026-01-01T00:00:05Z']]);
  d.port.exit(id, 0);
  const r = await following;
  expect(text(parseFrames(r.rawPayload))).toEqual(['stdout:three\n', 'stdout:four\n', 'stdout:five\n']);
});
