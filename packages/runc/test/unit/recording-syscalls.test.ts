import { POLLHUP, POLLIN } from '../../src/sys/constants';
import { SysError } from '../../src/sys/syscalls';
import { ProcessEnded, RecordingSyscalls } from '../helpers/recording-syscalls';

// The fake is shared by many tests: its defaults are part of what they assert, so pin them here.
describe('RecordingSyscalls', () => {
  it('records every call in order, leaving out optional arguments that were not passed', () => {
    const sys = new RecordingSyscalls();
    sys.prctl(8, 1);
    sys.mount(null, '/x', 'tmpfs', 0, null);
    sys.prctl(47, 2, 5);
    expect(sys.calls).toEqual([
      { name: 'prctl', args: [8, 1] },
      { name: 'mount', args: [null, '/x', 'tmpfs', 0, null] },
      { name: 'prctl', args: [47, 2, 5] },
    ]);
    expect(sys.names()).toEqual(['prctl', 'mount', 'prctl']);
    expect(sys.argsOf('prctl')).toEqual([[8, 1], [47, 2, 5]]);
    expect(sys.indexOf('prctl', ([option]) => option === 47)).toBe(2);
    expect(sys.indexOf('chdir')).toBe(-1);
  });

  it('records Buffers as they were at call time', () => {
    const sys = new RecordingSyscalls();
    const buf = Buffer.from('abc');
    sys.write(3, buf);
    buf.write('xyz');
    expect(sys.argsOf('write')[0]![1].toString()).toBe('abc');
  });

  it('hands out fds counting up from 100', () => {
    const sys = new RecordingSyscalls();
    expect(sys.open('/a', 0)).toBe(100);
    expect(sys.pipe2(0)).toEqual([101, 102]);
    expect(sys.socketUnix()).toBe(103);
    expect(sys.socketPair()).toEqual([104, 105]);
  });

  it('forks into the parent branch with a configurable pid, and reaps what it is asked for', () => {
    const sys = new RecordingSyscalls({ forkPid: 77 });
    expect(sys.fork()).toBe(77);
    expect(sys.forkSibling()).toBe(77);
    expect(sys.waitpid(-1, 0)).toEqual({ pid: 77, status: 0 });
    expect(sys.waitpid(12, 1)).toEqual({ pid: 12, status: 0 });
    sys.forkPid = 0;
    expect(sys.fork()).toBe(0);
  });

  it('returns the previous umask', () => {
    const sys = new RecordingSyscalls();
    expect(sys.umask(0)).toBe(0o022);
    expect(sys.umask(0o077)).toBe(0);
  });

  it('serves scripted reads chunk by chunk, splitting chunks larger than the buffer', () => {
    const sys = new RecordingSyscalls().queueRead(4, 'hello', 'x').queueEof(4);
    const buf = Buffer.alloc(3);
    expect(sys.poll(4, POLLIN, 100)).toBe(POLLIN);
    expect(sys.read(4, buf)).toBe(3);
    expect(buf.toString()).toBe('hel');
    expect(sys.read(4, buf)).toBe(2);
    expect(buf.toString('utf8', 0, 2)).toBe('lo');
    expect(sys.read(4, buf)).toBe(1);
    expect(sys.poll(4, POLLIN, 100)).toBe(POLLHUP);
    expect(sys.read(4, buf)).toBe(0);
    expect(sys.read(4, buf)).toBe(0);
  });

  it('reports no input on fds with nothing queued, and refuses a read that would block forever', () => {
    const sys = new RecordingSyscalls();
    expect(sys.poll(4, POLLIN, 100)).toBe(0);
    expect(() => sys.read(4, Buffer.alloc(1))).toThrow('read(4) with nothing queued would block forever');
  });

  it('captures writes per fd', () => {
    const sys = new RecordingSyscalls();
    expect(sys.write(1, Buffer.from('a'))).toBe(1);
    sys.write(2, Buffer.from('err'));
    sys.write(1, Buffer.from('b'));
    expect(sys.written(1).toString()).toBe('ab');
    expect(sys.written(2).toString()).toBe('err');
    expect(sys.written(9).length).toBe(0);
  });

  it('makes nothing accessible unless told', () => {
    const sys = new RecordingSyscalls();
    expect(sys.access('/bin/sh', 1)).toBe(false);
    sys.override('access', (p) => p === '/bin/sh');
    expect(sys.access('/bin/sh', 1)).toBe(true);
  });

  it('lets a test override a method, still recording the call', () => {
    const sys = new RecordingSyscalls().override('mount', () => {
      throw new SysError('mount', 1);
    });
    expect(() => sys.mount('proc', '/proc', 'proc', 0, null)).toThrow('mount: operation not permitted');
    expect(sys.names()).toEqual(['mount']);
  });

  it('ends the process at exit and execve with a sentinel that says how', () => {
    const sys = new RecordingSyscalls();
    let caught: unknown;
    try {
      sys.execve('/bin/sh', ['sh', '-c', 'x'], ['A=1']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ProcessEnded);
    expect((caught as ProcessEnded).ending).toEqual({ kind: 'execve', path: '/bin/sh', argv: ['sh', '-c', 'x'], env: ['A=1'] });
    expect(() => sys.exit(3)).toThrow(new ProcessEnded({ kind: 'exit', code: 3 }));
  });

  it('remembers the first ending even when the code under test catches the sentinel and goes on', () => {
    const sys = new RecordingSyscalls();
    const ending = sys.runToEnd(() => {
      try {
        sys.execve('/bin/true', ['true'], []);
      } catch {
        sys.write(2, Buffer.from('cleanup'));
        sys.exit(127);
      }
    });
    expect(ending).toEqual({ kind: 'execve', path: '/bin/true', argv: ['true'], env: [] });
    expect(sys.lifetime().map((c) => c.name)).toEqual(['execve']);
    expect(sys.names()).toEqual(['execve', 'write', 'exit']);
  });

  it('runToEnd lets other errors through and fails code that returns', () => {
    const sys = new RecordingSyscalls();
    expect(() =>
      sys.runToEnd(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(() => sys.runToEnd(() => undefined)).toThrow('returned instead of ending the process');
  });
});
