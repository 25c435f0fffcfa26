import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import * as tty from 'node:tty';
import { realSyscalls } from '@skiff/runc';
import { TerminalMaster } from '../../src/io/terminal';
import { until } from '../helpers/harness';

// The shim's side of a pseudo-terminal, on a real pty pair (no root needed): this test process
// plays the container's side on the slave.

const O_RDWR = 0o2;
const O_NOCTTY = 0o400;
const O_CLOEXEC = 0o2000000;
const TIOCSPTLCK = 0x40045431;
const TIOCGWINSZ = 0x5413;

const sys = realSyscalls();
let master: TerminalMaster;
let slave: number;
let slaveReader: tty.ReadStream;
let fromMaster = '';
let onSlave = '';
let slaveEnded = false;

beforeEach(() => {
  const ptmx = sys.open('/dev/ptmx', O_RDWR | O_NOCTTY | O_CLOEXEC);
  sys.ioctl(ptmx, TIOCSPTLCK, Buffer.alloc(4));
  slave = fs.openSync(sys.ptsname(ptmx), O_RDWR | O_NOCTTY);
  master = new TerminalMaster(ptmx, sys);
  fromMaster = '';
  onSlave = '';
  slaveEnded = false;
  master.output.on('data', (d: Buffer) => (fromMaster += d.toString()));
  master.output.on('error', () => undefined);
  slaveReader = new tty.ReadStream(fs.openSync(`/proc/self/fd/${slave}`, O_RDWR | O_NOCTTY));
  slaveReader.on('data', (d: Buffer) => (onSlave += d.toString()));
  slaveReader.on('end', () => (slaveEnded = true));
});

afterEach(() => {
  slaveReader.destroy();
  fs.closeSync(slave);
  master.close();
});

test("the process's output comes out of the master as a terminal writes it (\\r\\n)", async () => {
  fs.writeSync(slave, 'hello\n');
  await until(() => fromMaster === 'hello\r\n', 5_000, 'output');
});

test('input reaches the process line by line; the end of the input is the EOF character', async () => {
  const source = new PassThrough();
  master.feed(source);
  source.write('typed\n');
  await until(() => onSlave === 'typed\n', 5_000, 'input');
  source.end();
  // A canonical-mode read of ^D alone is a zero-length read: end of file for the process.
  await until(() => slaveEnded, 5_000, 'end of input');
});

test('input beyond what the terminal holds waits, pausing the source, and is all delivered once the process reads', async () => {
  const source = new PassThrough();
  master.feed(source);
  slaveReader.pause();
  // Far more than a pty's input buffer, in lines, so canonical mode passes it all on.
  const line = `${'y'.repeat(99)}\n`;
  const total = 3_000;
  for (let i = 0; i < total; i++) source.write(line);
  await new Promise((r) => setTimeout(r, 100));
  expect(source.isPaused()).toBe(true);
  slaveReader.resume();
  await until(() => onSlave.length === total * line.length, 15_000, 'all input');
});

test('resize sets the size the process reads (TIOCGWINSZ), and is a no-op once closed', () => {
  master.resize(132, 43);
  const size = Buffer.alloc(8);
  sys.ioctl(slave, TIOCGWINSZ, size);
  expect([size.readUInt16LE(0), size.readUInt16LE(2)]).toEqual([43, 132]);
  master.close();
  expect(() => master.resize(80, 24)).not.toThrow();
});
