import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { TaskClient } from '@skiff/protos/generated/skiff/shim/v1/Task';
import type { RuntimeConfig } from '@skiff/oci-spec';
import { FifoReader, FifoWriter, mkfifo } from '../helpers/fifo';
import { Harness, RUNC, canRunContainers, rpc, runcBin, sleep, until } from '../helpers/harness';
import { becomeSubreaper } from '../helpers/reaper';

// Terminals, ResizePty, CloseIO, Update and attaching to the stdio FIFOs, on a real
// `skiff-shim serve` with busybox containers: the builtin runtime, runc and skiff-runc's binary.

const describeRoot = canRunContainers ? describe : describe.skip;

const withTerminal = (c: RuntimeConfig) => {
  c.process!.terminal = true;
};

/** The counter lines n0, n1... in raw output or in a json log's escaped text. */
const numbers = (text: string) => [...text.matchAll(/n(\d+)(?:\n|\\n)/g)].map((m) => Number(m[1]));

/** The end of a json log: enough for its last entries, without reading megabytes each time. */
function logTail(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 4096));
    fs.readSync(fd, buf, 0, buf.length, size - buf.length);
    return buf.toString();
  } finally {
    fs.closeSync(fd);
  }
}

/** The memory cgroup (v1) of a process, as the host sees it. */
function memoryLimit(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/cgroup`, 'utf8')
    .split('\n')
    .find((l) => l.split(':')[1]!.split(',').includes('memory'))!;
  return Number(fs.readFileSync(path.join('/sys/fs/cgroup/memory', line.split(':')[2]!, 'memory.limit_in_bytes'), 'utf8'));
}

describeRoot('skiff-shim serve: terminals, CloseIO, Update and attaching', () => {
  const h = new Harness();
  let client: TaskClient;
  // Client ends of FIFOs: closed after each test, whatever it did.
  const clients: { close(): void }[] = [];
  const reader = (p: string) => {
    const r = new FifoReader(p);
    clients.push(r);
    return r;
  };
  const writer = (p: string) => {
    const w = new FifoWriter(p);
    clients.push(w);
    return w;
  };
  const fifos = (id: string) => ({ stdin: mkfifo(path.join(h.dir, `${id}.in`)), stdout: mkfifo(path.join(h.dir, `${id}.out`)) });

  beforeAll(async () => {
    becomeSubreaper();
    client = h.client((await h.serve('stdio')).address);
  }, 30_000);

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(() => h.cleanup(), 60_000);

  /**
   * A shell on a terminal: what it prints comes back on stdout, \r\n and all; its size follows
   * ResizePty; the json log has the terminal's output as "stdout".
   */
  async function shellOnTerminal(runtimeOptions: object): Promise<void> {
    const id = h.id('tty');
    const io = fifos(id);
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    const bundle = h.bundle(['/bin/sh'], withTerminal);
    const out = reader(io.stdout);
    await rpc(client, 'Create', { id, bundle, terminal: true, ...io, runtimeOptions: { ...runtimeOptions, logPathJsonFile: log } });
    expect(await rpc(client, 'State', { id })).toMatchObject({ terminal: true, stderr: '' });
    await rpc(client, 'ResizePty', { id, width: 80, height: 24 });
    await rpc(client, 'Start', { id });
    const input = writer(io.stdin);
    input.write('stty size; echo hi\n');
    await out.waitFor(/24 80\r\nhi\r\n/);
    await rpc(client, 'ResizePty', { id, width: 132, height: 43 });
    input.write('stty size; tty\n');
    await out.waitFor(/43 132\r\n\/dev\/pts\/\d+\r\n/);
    input.write('exit 3\n');
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(3);
    const logged = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { log: string; stream: string });
    expect(logged.every((e) => e.stream === 'stdout')).toBe(true);
    expect(logged.map((e) => e.log)).toContain('hi\r\n');
    await rpc(client, 'Delete', { id });
  }

  test('a shell on a terminal (builtin runtime): stty size follows ResizePty, output on stdout and in the log', () => shellOnTerminal({}), 60_000);

  test('an exec with a terminal in a task without one; ResizePty on the exec', async () => {
    const id = h.id('tty-exec');
    await rpc(client, 'Create', { id, bundle: h.bundle(['sleep', '300']) });
    await rpc(client, 'Start', { id });
    const io = fifos(`${id}-e1`);
    const spec = Buffer.from(JSON.stringify({ args: ['/bin/sh'], terminal: true, cwd: '/', env: ['PATH=/bin'] }));
    await rpc(client, 'Exec', { id, execId: 'e1', terminal: true, spec, ...io });
    await expect(rpc(client, 'ResizePty', { id, execId: 'e1', width: 80, height: 24 })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    await expect(rpc(client, 'ResizePty', { id, width: 80, height: 24 })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    const out = reader(io.stdout);
    await rpc(client, 'Start', { id, execId: 'e1' });
    await rpc(client, 'ResizePty', { id, execId: 'e1', width: 100, height: 30 });
    const input = writer(io.stdin);
    input.write('stty size; echo from-exec\n');
    await out.waitFor(/30 100\r\nfrom-exec\r\n/);
    input.write('exit 4\n');
    expect((await rpc(client, 'Wait', { id, execId: 'e1' })).exitStatus).toBe(4);
    await rpc(client, 'Delete', { id, execId: 'e1' });
    await rpc(client, 'Kill', { id, signal: 9 });
    await rpc(client, 'Wait', { id });
    await rpc(client, 'Delete', { id });
  }, 60_000);

  test('terminal requests that cannot work are refused: stderr with a terminal, a request that disagrees with config.json', async () => {
    const id = h.id('tty-bad');
    const io = fifos(id);
    const refused = (request: object) => expect(rpc(client, 'Create', { id, ...io, ...request })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await refused({ bundle: h.bundle(['sh'], withTerminal), terminal: true, stderr: path.join(h.dir, `${id}.err`) });
    await refused({ bundle: h.bundle(['sh']), terminal: true });
    await refused({ bundle: h.bundle(['sh'], withTerminal) });
    expect(h.runtimeIds()).not.toContain(id);
  }, 30_000);

  test('stdin: writers come and go without ending it, the next one reaches the process; CloseIO makes cat exit 0', async () => {
    const id = h.id('closeio');
    const io = fifos(id);
    const out = reader(io.stdout);
    await rpc(client, 'Create', { id, bundle: h.bundle(['cat']), ...io });
    await rpc(client, 'Start', { id });
    const first = writer(io.stdin);
    first.write('first\n');
    await out.waitFor(/first\n/);
    first.close();
    await sleep(300);
    expect((await rpc(client, 'State', { id })).status).toBe('RUNNING');
    const second = writer(io.stdin);
    second.write('second\n');
    await out.waitFor(/first\nsecond\n/);
    second.close();
    await rpc(client, 'CloseIO', { id, stdin: true });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(0);
    // The end of the process's output is the end of the FIFO's, before Delete.
    await until(() => out.ended, 10_000, 'end of the stdout FIFO');
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('CloseIO on a terminal types the EOF character: cat exits 0', async () => {
    const id = h.id('closeio-tty');
    const io = fifos(id);
    const out = reader(io.stdout);
    await rpc(client, 'Create', { id, bundle: h.bundle(['cat'], withTerminal), terminal: true, ...io });
    await rpc(client, 'Start', { id });
    const input = writer(io.stdin);
    input.write('typed\n');
    // The terminal echoes the line, then cat prints it.
    await out.waitFor(/typed\r\ntyped\r\n/);
    input.close();
    await rpc(client, 'CloseIO', { id, stdin: true });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(0);
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('Update changes the memory limit of a running task (memory.limit_in_bytes); bad resources are INVALID_ARGUMENT', async () => {
    const id = h.id('update');
    const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sleep', '300']) });
    await rpc(client, 'Start', { id });
    const limit = 48 * 1024 * 1024;
    await rpc(client, 'Update', { id, resources: Buffer.from(JSON.stringify({ memory: { limit } })) });
    expect(memoryLimit(pid)).toBe(limit);
    await expect(rpc(client, 'Update', { id, resources: Buffer.from('{"memory":{"limit":"big"}}') })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
    expect(memoryLimit(pid)).toBe(limit);
    await rpc(client, 'Kill', { id, signal: 9 });
    await rpc(client, 'Wait', { id });
    await expect(rpc(client, 'Update', { id, resources: Buffer.from(JSON.stringify({ memory: { limit } })) })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
    });
    await rpc(client, 'Delete', { id });
  }, 30_000);

  test('attaching to stdout late, or again after closing it, gives live output; with no reader the container never blocks', async () => {
    const id = h.id('attach');
    const io = fifos(id);
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    // A burst far beyond any pipe or backlog with nobody reading, then a line every 50 ms.
    const script = 'head -c 4000000 /dev/zero | tr "\\0" x; echo; i=0; while [ $i -lt 150 ]; do echo n$i; i=$((i+1)); sleep 0.05; done';
    await rpc(client, 'Create', { id, bundle: h.bundle(['sh', '-c', script]), stdout: io.stdout, runtimeOptions: { logPathJsonFile: log } });
    await rpc(client, 'Start', { id });
    await until(() => logTail(log).includes('"n10\\n"'), 20_000, 'ten lines logged');
    const late = reader(io.stdout);
    await late.waitFor(/n\d+\n(.|\n)*n\d+\n(.|\n)*n\d+\n/);
    // Live output: nothing from before the client came (no x burst, no early lines).
    expect(late.text).not.toMatch(/x/);
    expect(numbers(late.text)[0]).toBeGreaterThanOrEqual(10);
    late.close();
    const lastSeen = Math.max(...numbers(late.text));
    await until(() => numbers(logTail(log)).some((n) => n > lastSeen + 3), 20_000, 'more lines logged');
    const again = reader(io.stdout);
    await again.waitFor(/n\d+\n(.|\n)*n\d+\n/);
    const resumed = numbers(again.text);
    // Not what was written while it was away.
    expect(resumed[0]).toBeGreaterThan(lastSeen + 3);
    expect(resumed).toEqual(Array.from({ length: resumed.length }, (_, i) => resumed[0]! + i));
    expect((await rpc(client, 'Wait', { id }, 60_000)).exitStatus).toBe(0);
    await rpc(client, 'Delete', { id });
  }, 90_000);

  const describeRunc = fs.existsSync(RUNC) ? describe : describe.skip;
  describeRunc(`an external runtime binary (${RUNC})`, () => {
    test('a shell on a terminal with runc (--console-socket)', () => shellOnTerminal({ name: RUNC, root: h.runcRoot }), 60_000);

    test('an exec with a terminal and Update with runc', async () => {
      const id = h.id('runc-tty-exec');
      const runtimeOptions = { name: RUNC, root: h.runcRoot };
      const { pid } = await rpc(client, 'Create', { id, bundle: h.bundle(['sleep', '300']), runtimeOptions });
      await rpc(client, 'Start', { id });
      const limit = 40 * 1024 * 1024;
      await rpc(client, 'Update', { id, resources: Buffer.from(JSON.stringify({ memory: { limit } })) });
      expect(memoryLimit(pid)).toBe(limit);
      const io = fifos(`${id}-e1`);
      const spec = Buffer.from(JSON.stringify({ args: ['/bin/sh'], terminal: true, cwd: '/', env: ['PATH=/bin'] }));
      await rpc(client, 'Exec', { id, execId: 'e1', terminal: true, spec, ...io });
      const out = reader(io.stdout);
      await rpc(client, 'Start', { id, execId: 'e1' });
      await rpc(client, 'ResizePty', { id, execId: 'e1', width: 90, height: 20 });
      const input = writer(io.stdin);
      input.write('stty size; echo via-runc\n');
      await out.waitFor(/20 90\r\nvia-runc\r\n/);
      input.write('exit 5\n');
      expect((await rpc(client, 'Wait', { id, execId: 'e1' })).exitStatus).toBe(5);
      await rpc(client, 'Kill', { id, signal: 9 });
      await rpc(client, 'Wait', { id });
      await rpc(client, 'Delete', { id });
    }, 60_000);
  });

  test('a shell on a terminal with skiff-runc as an external binary', () => shellOnTerminal({ name: runcBin, root: h.runtimeRoot }), 90_000);
});
