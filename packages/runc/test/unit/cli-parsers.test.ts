import { isSkiffError } from '@skiff/errors';
import { parseDuration } from '../../src/cli/events';
import { formatTable } from '../../src/cli/list';
import { parseSignal } from '../../src/cli/signals';
import { parseBytes } from '../../src/cli/update';

function expectInvalid(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isSkiffError(caught, 'InvalidArgument')).toBe(true);
  expect((caught as Error).message).toBe(message);
}

describe('parseSignal', () => {
  it.each([
    ['KILL', 9],
    ['SIGKILL', 9],
    ['kill', 9],
    ['sigterm', 15],
    ['Hup', 1],
    ['9', 9],
    ['1', 1],
    ['64', 64],
    ['USR1', 10],
  ])('reads %j as %i', (text, n) => {
    expect(parseSignal(text)).toBe(n);
  });

  it.each(['0', '65', '-9', 'SIGNOPE', '', 'KILL9', '9x'])('refuses %j', (text) => {
    expectInvalid(() => parseSignal(text), `unknown signal ${JSON.stringify(text)}`);
  });
});

describe('parseBytes', () => {
  it.each([
    ['1024', 1024],
    ['0', 0],
    ['-1', -1],
    ['1b', 1],
    ['1k', 1024],
    ['512m', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['2GB', 2 * 1024 ** 3],
    ['1GiB', 1024 ** 3],
    ['1t', 1024 ** 4],
    ['1p', 1024 ** 5],
    ['1.5k', 1536],
    [' 10 m ', 10 * 1024 ** 2],
  ])('reads %j as %i', (text, n) => {
    expect(parseBytes(text)).toBe(n);
  });

  it.each(['', 'abc', '-2', '1x', '1.2.3', 'k'])('refuses %j', (text) => {
    expectInvalid(() => parseBytes(text), `invalid size: '${text}'`);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['1.5s', 1500],
    ['1m', 60_000],
    ['2h', 7_200_000],
    ['0s', 0],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['5', '', 's', '-1s', '5 s', '5d'])('refuses %j', (text) => {
    expectInvalid(() => parseDuration(text), `invalid duration ${JSON.stringify(text)}`);
  });

  // runc's --interval goes through Go's time.ParseDuration, which takes sums of units.
  it('reads a compound Go duration like runc does', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
  });
});

describe('formatTable', () => {
  it('pads every column but the last to max(12, longest cell + 3), like runc\'s tabwriter', () => {
    const out = formatTable([
      ['ID', 'PID', 'STATUS', 'BUNDLE', 'OWNER'],
      ['a-rather-long-container-id', '12345', 'running', '/b', 'root'],
      ['c2', '0', 'stopped', '/bundles/second-one', 'nobody'],
    ]);
    expect(out).toBe(
      [
        'ID                           PID         STATUS      BUNDLE                OWNER',
        'a-rather-long-container-id   12345       running     /b                    root',
        'c2                           0           stopped     /bundles/second-one   nobody',
        '',
      ].join('\n'),
    );
  });

  it('prints just the header for no containers', () => {
    expect(formatTable([['ID', 'PID', 'STATUS']])).toBe('ID          PID         STATUS\n');
  });
});
