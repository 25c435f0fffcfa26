import { parseMountOptions, rootPropagationFlags } from '../../src/lib/mount-options';
import { MS } from '../../src/sys/constants';

describe('parseMountOptions', () => {
  it('parses nothing as a plain mount with no flags', () => {
    expect(parseMountOptions(undefined)).toEqual({ flags: 0, clearedFlags: 0, propagation: [], bind: false, recursive: false, data: [] });
  });

  it.each([
    ['ro', MS.RDONLY],
    ['nosuid', MS.NOSUID],
    ['nodev', MS.NODEV],
    ['noexec', MS.NOEXEC],
    ['sync', MS.SYNCHRONOUS],
    ['remount', MS.REMOUNT],
    ['mand', MS.MANDLOCK],
    ['dirsync', MS.DIRSYNC],
    ['noatime', MS.NOATIME],
    ['nodiratime', MS.NODIRATIME],
    ['relatime', MS.RELATIME],
    ['strictatime', MS.STRICTATIME],
    ['lazytime', MS.LAZYTIME],
    ['nosymfollow', MS.NOSYMFOLLOW],
    ['silent', MS.SILENT],
  ])('%s sets its flag', (option, flag) => {
    expect(parseMountOptions([option])).toMatchObject({ flags: flag, clearedFlags: 0, data: [] });
  });

  it.each([
    ['rw', MS.RDONLY],
    ['suid', MS.NOSUID],
    ['dev', MS.NODEV],
    ['exec', MS.NOEXEC],
    ['async', MS.SYNCHRONOUS],
    ['nomand', MS.MANDLOCK],
    ['atime', MS.NOATIME],
    ['diratime', MS.NODIRATIME],
    ['norelatime', MS.RELATIME],
    ['nostrictatime', MS.STRICTATIME],
    ['nolazytime', MS.LAZYTIME],
    ['symfollow', MS.NOSYMFOLLOW],
    ['loud', MS.SILENT],
  ])('%s clears its flag and remembers the clearing', (option, flag) => {
    expect(parseMountOptions([option])).toMatchObject({ flags: 0, clearedFlags: flag, data: [] });
  });

  it('lets the later of two contradicting options win', () => {
    expect(parseMountOptions(['ro', 'rw'])).toMatchObject({ flags: 0, clearedFlags: MS.RDONLY });
    expect(parseMountOptions(['rw', 'ro'])).toMatchObject({ flags: MS.RDONLY, clearedFlags: 0 });
  });

  it('combines flags from several options', () => {
    expect(parseMountOptions(['nosuid', 'noexec', 'nodev', 'ro']).flags).toBe(MS.NOSUID | MS.NOEXEC | MS.NODEV | MS.RDONLY);
  });

  it('keeps propagation changes in order, each as its own flags', () => {
    expect(parseMountOptions(['rprivate', 'shared', 'rslave', 'unbindable', 'runbindable', 'private', 'rshared', 'slave']).propagation).toEqual([
      MS.PRIVATE | MS.REC,
      MS.SHARED,
      MS.SLAVE | MS.REC,
      MS.UNBINDABLE,
      MS.UNBINDABLE | MS.REC,
      MS.PRIVATE,
      MS.SHARED | MS.REC,
      MS.SLAVE,
    ]);
  });

  it('recognises bind, rbind and the bind type', () => {
    expect(parseMountOptions(['bind'])).toMatchObject({ bind: true, recursive: false });
    expect(parseMountOptions(['rbind'])).toMatchObject({ bind: true, recursive: true });
    expect(parseMountOptions([], 'bind')).toMatchObject({ bind: true, recursive: false });
    expect(parseMountOptions(['ro'], 'tmpfs').bind).toBe(false);
  });

  it('passes unknown options to the filesystem as data, in order', () => {
    expect(parseMountOptions(['nosuid', 'mode=755', 'size=65536k', 'newinstance']).data).toEqual(['mode=755', 'size=65536k', 'newinstance']);
  });

  it('ignores defaults, tmpcopyup and the idmap options', () => {
    expect(parseMountOptions(['defaults', 'tmpcopyup', 'idmap', 'ridmap'])).toEqual({
      flags: 0,
      clearedFlags: 0,
      propagation: [],
      bind: false,
      recursive: false,
      data: [],
    });
  });
});

describe('rootPropagationFlags', () => {
  it('defaults to rslave like runc', () => {
    expect(rootPropagationFlags(undefined)).toBe(MS.SLAVE | MS.REC);
    expect(rootPropagationFlags('')).toBe(MS.SLAVE | MS.REC);
  });

  it.each([
    ['private', MS.PRIVATE],
    ['rprivate', MS.PRIVATE | MS.REC],
    ['shared', MS.SHARED],
    ['rshared', MS.SHARED | MS.REC],
    ['slave', MS.SLAVE],
    ['rslave', MS.SLAVE | MS.REC],
    ['unbindable', MS.UNBINDABLE],
    ['runbindable', MS.UNBINDABLE | MS.REC],
  ])('maps %s', (value, flags) => {
    expect(rootPropagationFlags(value)).toBe(flags);
  });

  it('refuses anything else', () => {
    expect(() => rootPropagationFlags('ro')).toThrow('invalid rootfsPropagation "ro"');
  });
});
