// Attach, terminals and stdin through skiff-containerd: the caller's FIFOs reach the shim as given.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunContainers, caller, ContainerdHarness } from '../helpers/containerd';
import { FifoReader, FifoWriter, mkfifo } from '../../../shim/test/helpers/fifo';

const describeRoot = canRunContainers ? describe : describe.skip;

describeRoot('stdio through skiff-containerd', () => {
  jest.setTimeout(120_000);
  const h = new ContainerdHarness();
  let containers: ReturnType<typeof caller>;
  let tasks: ReturnType<typeof caller>;
  const open: Array<{ close(): void }> = [];

  beforeAll(async () => {
    await h.start();
    containers = caller(h.client('containers'));
    tasks = caller(h.client('tasks'));
    fs.mkdirSync(path.join(h.dir, 'fifos'));
  });
  afterAll(async () => {
    for (const f of open) f.close();
    await h.cleanup();
  });

  function fifos(id: string, stderr = true): { stdin: string; stdout: string; stderr: string } {
    const dir = path.join(h.dir, 'fifos');
    return {
      stdin: mkfifo(path.join(dir, `${id}-in`)),
      stdout: mkfifo(path.join(dir, `${id}-out`)),
      stderr: stderr ? mkfifo(path.join(dir, `${id}-err`)) : '',
    };
  }
  const reader = (p: string) => {
    const r = new FifoReader(p);
    open.push(r);
    return r;
  };
  const writer = (p: string) => {
    const w = new FifoWriter(p);
    open.push(w);
    return w;
  };

  it('a TTY task: live output through attach, input, resize, exit status', async () => {
    await containers('Create', {
      container: {
        id: 'tty',
        spec: h.spec(['/bin/sh'], (c) => (c.process!.terminal = true)),
        runtime: { name: 'builtin', options: h.runtimeOptions('tty') },
      },
    });
    const io = fifos('tty', false);
    const out = reader(io.stdout);
    await tasks('Create', { containerId: 'tty', terminal: true, ...io });
    await tasks('ResizePty', { containerId: 'tty', width: 80, height: 24 });
    await tasks('Start', { containerId: 'tty' });
    const input = writer(io.stdin);
    input.write('stty size; echo hi\n');
    await out.waitFor(/24 80\r\nhi\r\n/);
    await tasks('ResizePty', { containerId: 'tty', width: 132, height: 43 });
    input.write('stty size\n');
    await out.waitFor(/43 132\r\n/);
    input.write('exit 4\n');
    expect((await tasks('Wait', { containerId: 'tty' })).exitStatus).toBe(4);
    await tasks('Delete', { containerId: 'tty' });
    await containers('Delete', { id: 'tty' });
  });

  it('pipes: stdout and stderr apart, stdin to the process, CloseIO ends it', async () => {
    await containers('Create', {
      container: { id: 'pipes', spec: h.spec(['/bin/sh', '-c', 'cat; echo oops >&2']), runtime: { name: 'builtin', options: h.runtimeOptions('pipes') } },
    });
    const io = fifos('pipes');
    const out = reader(io.stdout);
    const err = reader(io.stderr);
    await tasks('Create', { containerId: 'pipes', ...io });
    await tasks('Start', { containerId: 'pipes' });
    const input = writer(io.stdin);
    input.write('through the pipe\n');
    await out.waitFor(/through the pipe\n/);
    input.close();
    await tasks('CloseIO', { containerId: 'pipes', stdin: true });
    expect((await tasks('Wait', { containerId: 'pipes' })).exitStatus).toBe(0);
    await err.waitFor(/oops\n/);
    expect(out.text).not.toContain('oops');
    await tasks('Delete', { containerId: 'pipes' });
    await containers('Delete', { id: 'pipes' });
  });
});
