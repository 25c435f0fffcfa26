import { isSkiffError } from '@skiff/errors';
import { MessageReader, sendError, sendLine, waitForAck } from '../../src/lib/sync-channel';
import { POLLIN } from '../../src/sys/constants';
import { SysError } from '../../src/sys/syscalls';
import { RecordingSyscalls } from '../helpers/recording-syscalls';

const FD = 7;
const far = (): number => Date.now() + 60_000;

function reader(sys: RecordingSyscalls): MessageReader {
  return new MessageReader(sys, FD);
}

describe('MessageReader', () => {
  it('parses each message type', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'PID 123\nUSERNS\nHOOKS\nREADY\n').queueEof(FD);
    const r = reader(sys);
    expect(r.next(far())).toEqual({ type: 'PID', pid: 123 });
    expect(r.next(far())).toEqual({ type: 'USERNS' });
    expect(r.next(far())).toEqual({ type: 'HOOKS' });
    expect(r.next(far())).toEqual({ type: 'READY' });
    expect(r.next(far())).toEqual({ type: 'EOF' });
  });

  it('answers several messages from one read without reading again', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'PID 5\nREADY\n');
    const r = reader(sys);
    r.next(far());
    r.next(far());
    expect(sys.argsOf('read')).toHaveLength(1);
  });

  it('joins a message split across reads', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'PI', 'D 4', '2', '\nREA', 'DY\n');
    const r = reader(sys);
    expect(r.next(far())).toEqual({ type: 'PID', pid: 42 });
    expect(r.next(far())).toEqual({ type: 'READY' });
  });

  it('decodes an ERR message\'s JSON string, quotes and newlines included', () => {
    const message = 'mount "/proc": permission denied\nsecond line';
    const sys = new RecordingSyscalls().queueRead(FD, `ERR ${JSON.stringify(message)}\n`);
    expect(reader(sys).next(far())).toEqual({ type: 'ERR', message });
  });

  it('keeps an ERR payload that is not JSON as text', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'ERR plain words\n');
    expect(reader(sys).next(far())).toEqual({ type: 'ERR', message: 'plain words' });
  });

  it('turns an unknown line into an error message', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'HELLO there\n');
    expect(reader(sys).next(far())).toEqual({ type: 'ERR', message: 'unexpected message from container process: HELLO there' });
  });

  it('reports EOF when the child closes the pipe, and keeps reporting it', () => {
    const sys = new RecordingSyscalls().queueEof(FD);
    const r = reader(sys);
    expect(r.next(far())).toEqual({ type: 'EOF' });
    expect(r.next(far())).toEqual({ type: 'EOF' });
    expect(sys.argsOf('read')).toHaveLength(1);
  });

  it('drops an unterminated line at EOF', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'REA').queueEof(FD);
    expect(reader(sys).next(far())).toEqual({ type: 'EOF' });
  });

  it('polls for input with at most 200 ms at a time', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'READY\n');
    reader(sys).next(far());
    expect(sys.argsOf('poll')).toEqual([[FD, POLLIN, 200]]);
  });

  it('retries a poll interrupted by a signal', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'READY\n');
    let interrupted = false;
    sys.override('poll', (fd, events) => {
      if (!interrupted) {
        interrupted = true;
        throw new SysError('poll', 4);
      }
      return events & (fd === FD ? POLLIN : 0);
    });
    expect(reader(sys).next(far())).toEqual({ type: 'READY' });
    expect(sys.argsOf('poll')).toHaveLength(2);
  });

  it('fails other poll errors', () => {
    const sys = new RecordingSyscalls().override('poll', () => {
      throw new SysError('poll', 9);
    });
    expect(() => reader(sys).next(far())).toThrow('poll: bad file descriptor');
  });

  it('times out at the deadline when nothing arrives', () => {
    const sys = new RecordingSyscalls();
    const deadline = Date.now() + 30;
    let caught: unknown;
    try {
      reader(sys).next(deadline);
    } catch (err) {
      caught = err;
    }
    expect(isSkiffError(caught, 'Internal')).toBe(true);
    expect((caught as Error).message).toBe('timed out waiting for the container process');
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    // Each wait is capped by the time left, never beyond the deadline.
    for (const [, , timeout] of sys.argsOf('poll')) expect(timeout).toBeLessThanOrEqual(30);
  });

  it('fails at once on a deadline already past, without polling', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'READY\n');
    expect(() => reader(sys).next(Date.now() - 1)).toThrow('timed out waiting for the container process');
    expect(sys.calls).toEqual([]);
  });

  it('fails when the child died while nothing arrived', () => {
    const sys = new RecordingSyscalls();
    let caught: unknown;
    try {
      reader(sys).next(far(), () => false);
    } catch (err) {
      caught = err;
    }
    expect(isSkiffError(caught, 'Internal')).toBe(true);
    expect((caught as Error).message).toBe('container init exited before it was ready');
  });

  it('does not ask whether the child lives while messages are waiting', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'READY\n');
    const isAlive = jest.fn(() => false);
    expect(reader(sys).next(far(), isAlive)).toEqual({ type: 'READY' });
    expect(isAlive).not.toHaveBeenCalled();
  });

  // Each read is decoded on its own; a character whose bytes straddle two reads (a long ERR from a
  // path with non-ASCII names, past the 4096-byte buffer) turns into U+FFFD replacement characters.
  it('keeps a multi-byte character intact when a read boundary splits it', () => {
    const line = Buffer.from(`ERR ${JSON.stringify('/données')}\n`);
    const split = line.indexOf(0xc3) + 1;
    const sys = new RecordingSyscalls().queueRead(FD, line.subarray(0, split), line.subarray(split));
    expect(reader(sys).next(far())).toEqual({ type: 'ERR', message: '/données' });
  });
});

describe('sendLine and sendError', () => {
  it('writes one newline-terminated line', () => {
    const sys = new RecordingSyscalls();
    sendLine(sys, 3, 'PID 9');
    expect(sys.written(3).toString()).toBe('PID 9\n');
  });

  it('sends an error as ERR with a JSON string that MessageReader reads back', () => {
    const sys = new RecordingSyscalls();
    sendError(sys, 3, new Error('mount "/x":\nbroken'));
    sendError(sys, 3, 'not an Error');
    expect(sys.written(3).toString()).toBe('ERR "mount \\"/x\\":\\nbroken"\nERR "not an Error"\n');

    const back = new RecordingSyscalls().queueRead(FD, sys.written(3));
    expect(reader(back).next(far())).toEqual({ type: 'ERR', message: 'mount "/x":\nbroken' });
  });

  it('gives up quietly when the parent is gone', () => {
    const sys = new RecordingSyscalls().override('write', () => {
      throw new SysError('write', 32);
    });
    expect(() => sendError(sys, 3, new Error('x'))).not.toThrow();
  });
});

describe('waitForAck', () => {
  it('returns once the acknowledgement byte arrives', () => {
    const sys = new RecordingSyscalls().queueRead(FD, 'A');
    waitForAck(sys, FD);
    expect(sys.names()).toEqual(['read']);
  });

  it('retries a read interrupted by a signal', () => {
    const sys = new RecordingSyscalls();
    let reads = 0;
    sys.override('read', () => {
      if (reads++ === 0) throw new SysError('read', 4);
      return 1;
    });
    waitForAck(sys, FD);
    expect(reads).toBe(2);
  });

  it('fails when the runtime closed its end', () => {
    const sys = new RecordingSyscalls().queueEof(FD);
    expect(() => waitForAck(sys, FD)).toThrow('runtime went away during container setup');
  });

  it('fails on other read errors', () => {
    const sys = new RecordingSyscalls().override('read', () => {
      throw new SysError('read', 5);
    });
    expect(() => waitForAck(sys, FD)).toThrow('read: input/output error');
  });
});
