// A reader that stops reading a layer or rootfs stream half-way must not take the process down.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportRootfs } from '../../src/diff/diff';

describe('a tar stream abandoned by its reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-diff-abort-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('ends the producer and rejects the result, nothing unhandled', async () => {
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(dir, `big${i}`), Buffer.alloc(8 << 20, i));
    const tar = exportRootfs(dir);
    const unhandled: unknown[] = [];
    const onError = (err: unknown) => unhandled.push(err);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    try {
      await new Promise<void>((resolve) => tar.stream.once('data', () => resolve()));
      tar.stream.destroy();
      await expect(tar.result).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    }
  });
});
