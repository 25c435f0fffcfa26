// The image verbs of the second slice (tag, history, save, rmi, load, commit) and the system,
// network and volume listings, against skiffd on temporary roots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';
import { skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

(canRunSkiffd && built ? describe : describe.skip)('skiff image verbs against skiffd', () => {
  jest.setTimeout(60_000);
  const h = new SkiffdHarness();
  const { skiff } = skiffOnSkiffd(h);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 60_000);
  afterAll(() => h.cleanup(), 60_000);

  it('tag, history, save, rmi, load, commit, system df, network ls, volume ls', async () => {
    expect(await skiff('tag', 'busybox', 'mine:1')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await skiff('history', '--format', '{{.ID}} {{.Comment}}', 'mine:1')).stdout).toMatch(/^[0-9a-f]{12} busybox for skiffd tests\n$/);
    const tar = path.join(h.dir, 'saved.tar');
    expect(await skiff('save', '-o', tar, 'mine:1')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await skiff('rmi', 'mine:1')).toEqual({ code: 0, stdout: 'Untagged: mine:1\n', stderr: '' });
    expect(await skiff('rmi', 'nope')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^Error response from daemon: No such image: nope/) });
    expect((await skiff('load', '-i', tar)).stdout).toBe('Loaded image: mine:1\n');
    expect((await skiff('run', '--name', 'sc1', 'busybox', 'sh', '-c', 'echo made > /made')).code).toBe(0);
    expect((await skiff('commit', '-m', 'msg', '-c', 'ENV B=2', 'sc1', 'com:1')).stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(await skiff('run', '--rm', 'com:1', 'sh', '-c', 'cat /made; echo $B')).toEqual({ code: 0, stdout: 'made\n2\n', stderr: '' });
    expect((await skiff('rm', 'sc1')).code).toBe(0);
    expect((await skiff('system', 'df')).stdout).toMatch(/^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE\nImages +2 /);
    expect((await skiff('network', 'ls', '--format', '{{.Name}} {{.Driver}}')).stdout).toMatch(/host host\n/);
    expect(await skiff('volume', 'ls')).toEqual({ code: 0, stdout: 'DRIVER    VOLUME NAME\n', stderr: '' });
  });
});
