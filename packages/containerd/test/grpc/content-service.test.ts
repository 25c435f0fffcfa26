// The Content service over a real skiff-containerd on a unix socket: a write interrupted and
// resumed from the offset Status reports, reads by range, label updates, listing, the errors.
import { createHash, randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { collect, metadata, startTestContainerd, type TestContainerd } from '../helpers/pull/grpc';

jest.setTimeout(60_000);

let ctrd: TestContainerd;
beforeAll(async () => {
  ctrd = await startTestContainerd();
}, 60_000);
afterAll(async () => {
  await ctrd?.stop();
}, 30_000);

const call = <T = any>(method: string, request: object): Promise<T> =>
  new Promise((resolve, reject) => {
    (ctrd.content as any)[method](request, metadata(), (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)));
  });

/** A Write stream driven one request and one answer at a time. */
function writeStream() {
  const stream = (ctrd.content as any).Write(metadata()) as grpc.ClientDuplexStream<object, any>;
  const answers: any[] = [];
  const waiting: Array<{ resolve: (v: any) => void; reject: (e: unknown) => void }> = [];
  let failure: unknown;
  stream.on('data', (m) => (waiting.length > 0 ? waiting.shift()!.resolve(m) : answers.push(m)));
  stream.on('error', (err) => {
    failure = err;
    for (const w of waiting.splice(0)) w.reject(err);
  });
  return {
    send(request: object): Promise<any> {
      stream.write(request);
      if (answers.length > 0) return Promise.resolve(answers.shift());
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    end(): Promise<void> {
      if (failure) return Promise.resolve();
      return new Promise((resolve) => {
        stream.on('end', resolve);
        stream.on('error', () => resolve());
        stream.end();
      });
    },
  };
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('Content', () => {
  const blob = randomBytes(3 * 1024 * 1024 + 17);
  const digest = sha(blob);

  it('resumes an interrupted write and commits it, then reads, lists, labels and deletes it', async () => {
    const half = 1024 * 1024 + 5;
    const first = writeStream();
    const a = await first.send({ action: 'WRITE_ACTION_WRITE', ref: 'upload-1', total: blob.length, expected: digest, offset: 0, data: blob.subarray(0, half) });
    expect(a).toMatchObject({ action: 'WRITE_ACTION_WRITE', offset: String(half), total: String(blob.length) });
    await first.end();

    const status = await call('Status', { ref: 'upload-1' });
    expect(status.status).toMatchObject({ ref: 'upload-1', offset: String(half), total: String(blob.length), expected: digest });
    const statuses = await call('ListStatuses', { filters: ['ref==upload-1'] });
    expect(statuses.statuses.map((s: any) => s.ref)).toEqual(['upload-1']);

    const second = writeStream();
    const stat = await second.send({ action: 'WRITE_ACTION_STAT', ref: 'upload-1' });
    expect(stat.offset).toBe(String(half));
    const committed = await second.send({ action: 'WRITE_ACTION_COMMIT', offset: half, data: blob.subarray(half), labels: { 'app': 'x' } });
    expect(committed).toMatchObject({ action: 'WRITE_ACTION_COMMIT', digest, offset: String(blob.length) });
    await second.end();

    const info = await call('Info', { digest });
    expect(info.info).toMatchObject({ digest, size: String(blob.length), labels: { app: 'x' } });
    await expect(call('Status', { ref: 'upload-1' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });

    const chunks = await collect((ctrd.content as any).Read({ digest, offset: 1000, size: 2 * 1024 * 1024 }, metadata()));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0].offset).toBe('1000');
    expect(Buffer.concat(chunks.map((c: any) => c.data)).equals(blob.subarray(1000, 1000 + 2 * 1024 * 1024))).toBe(true);
    const tail = await collect((ctrd.content as any).Read({ digest, offset: blob.length - 10, size: 0 }, metadata()));
    expect(Buffer.concat(tail.map((c: any) => c.data)).equals(blob.subarray(blob.length - 10))).toBe(true);

    const updated = await call('Update', { info: { digest, labels: { other: 'y' } }, updateMask: { paths: ['labels.other'] } });
    expect(updated.info.labels).toEqual({ app: 'x', other: 'y' });
    const listed = await collect((ctrd.content as any).List({ filters: ['labels.other==y'] }, metadata()));
    expect(listed.flatMap((m: any) => m.info.map((i: any) => i.digest))).toEqual([digest]);

    await call('Delete', { digest });
    await expect(call('Info', { digest })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('refuses a second writer on a ref, a write at the wrong offset, and a wrong digest', async () => {
    const data = Buffer.from('hello content\n');
    const one = writeStream();
    await one.send({ action: 'WRITE_ACTION_WRITE', ref: 'busy', offset: 0, data: data.subarray(0, 5) });
    const two = writeStream();
    await expect(two.send({ action: 'WRITE_ACTION_STAT', ref: 'busy' })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    await expect(one.send({ action: 'WRITE_ACTION_WRITE', offset: 2, data: data.subarray(5) })).rejects.toMatchObject({ code: grpc.status.OUT_OF_RANGE });
    await one.end();

    const three = writeStream();
    await expect(
      three.send({ action: 'WRITE_ACTION_COMMIT', ref: 'busy', offset: 5, data: data.subarray(5), expected: sha(Buffer.from('something else')) }),
    ).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    // A known-bad ingest is gone.
    await expect(call('Status', { ref: 'busy' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('aborts an ingest', async () => {
    const w = writeStream();
    await w.send({ action: 'WRITE_ACTION_WRITE', ref: 'dropme', offset: 0, data: Buffer.from('abc') });
    await w.end();
    await call('Abort', { ref: 'dropme' });
    await expect(call('Status', { ref: 'dropme' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(call('Abort', { ref: 'dropme' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('validates requests', async () => {
    await expect(call('Info', { digest: 'sha256:nothex' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(call('Info', { digest: `sha256:${'0'.repeat(64)}` })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(call('Update', { info: null })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(collect((ctrd.content as any).Read({ digest: '' }, metadata()))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    const w = writeStream();
    await expect(w.send({ action: 'WRITE_ACTION_WRITE', offset: 0, data: Buffer.from('x') })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});
