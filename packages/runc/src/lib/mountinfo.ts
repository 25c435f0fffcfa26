import * as fs from 'node:fs';

/** One line of /proc/<pid>/mountinfo, with the fields the runtime reads. */
export interface MountinfoEntry {
  /** The path inside its filesystem that is mounted ("/" for the whole filesystem). */
  root: string;
  mountPoint: string;
  /** Optional fields such as "shared:12" or "master:3". */
  optional: string[];
  fstype: string;
  superOptions: string;
}

/** mountinfo escapes blanks, tabs, newlines and backslashes in paths as \ooo octal. */
function unescapeMountField(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMountinfo(text: string = fs.readFileSync('/proc/self/mountinfo', 'utf8')): MountinfoEntry[] {
  const entries: MountinfoEntry[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const before = line.slice(0, sep).split(' ');
    if (before.length < 5) continue;
    const [fstype = '', , superOptions = ''] = line.slice(sep + 3).split(' ');
    entries.push({
      root: unescapeMountField(before[3]!),
      mountPoint: unescapeMountField(before[4]!),
      optional: before.slice(6),
      fstype,
      superOptions,
    });
  }
  return entries;
}
