// The heap setting of transfers: raised while any transfer runs, V8's default back after the last
// one, whether it succeeded or failed.
import { setFlagsFromString } from 'node:v8';
import { withTransferHeap } from '../../src/transfer/heap';

jest.mock('node:v8', () => ({ ...jest.requireActual<object>('node:v8'), setFlagsFromString: jest.fn() }));

describe('withTransferHeap', () => {
  const flags = setFlagsFromString as jest.MockedFunction<typeof setFlagsFromString>;

  beforeEach(() => {
    flags.mockClear();
  });

  it('raises the growing factor for overlapping transfers once and restores it after the last', async () => {
    let releaseFirst!: () => void;
    const first = withTransferHeap(() => new Promise<string>((resolve) => (releaseFirst = () => resolve('first'))));
    const second = withTransferHeap(async () => 'second');
    await expect(second).resolves.toBe('second');
    expect(flags.mock.calls).toEqual([['--heap-growing-percent=300']]);
    releaseFirst();
    await expect(first).resolves.toBe('first');
    expect(flags.mock.calls).toEqual([['--heap-growing-percent=300'], ['--heap-growing-percent=0']]);
  });

  it('restores the default when the transfer fails', async () => {
    await expect(withTransferHeap(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(flags.mock.calls).toEqual([['--heap-growing-percent=300'], ['--heap-growing-percent=0']]);
  });
});
