import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changes, layersOf } from '../../src/core/archive-changes';

it('reads additions, modifications and whiteouts from an overlay upper dir', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-changes-'));
  try {
    const [lower, upper] = ['lower', 'upper'].map((d) => path.join(tmp, d)) as [string, string];
    fs.mkdirSync(path.join(lower, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(lower, 'etc', 'group'), 'x');
    fs.writeFileSync(path.join(lower, 'gone'), 'x');
    fs.mkdirSync(path.join(upper, 'etc'), { recursive: true });
    fs.mkdirSync(path.join(upper, 'new'));
    fs.writeFileSync(path.join(upper, 'etc', 'group'), 'y');
    fs.writeFileSync(path.join(upper, 'new', 'file'), 'y');
    execFileSync('mknod', [path.join(upper, 'gone'), 'c', '0', '0']);
    const mounts = [{ type: 'overlay', source: 'overlay', target: '', options: [`lowerdir=${lower}`, `upperdir=${upper}`, `workdir=${tmp}/work`] }];
    expect(layersOf(mounts)).toEqual({ upper, lowers: [lower] });
    expect(await changes(mounts)).toEqual([
      { Path: '/etc', Kind: 0 },
      { Path: '/etc/group', Kind: 0 },
      { Path: '/gone', Kind: 2 },
      { Path: '/new', Kind: 1 },
      { Path: '/new/file', Kind: 1 },
    ]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
