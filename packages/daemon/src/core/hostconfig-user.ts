// Config.User and HostConfig.GroupAdd resolved against a container's own /etc/passwd and
// /etc/group, as dockerd does (moby/sys/user's GetExecUser): "name|uid[:group|gid]", the user's
// supplementary groups from /etc/group, then GroupAdd. A missing file counts as empty.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';

export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids?: number[];
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Reads <rootfs>/<file> without following a symlink out of the container's root. */
function readInRoot(rootfs: string, file: string): string {
  let p = path.join(rootfs, file);
  for (let hops = 0; hops < 16; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return '';
    }
    if (!st.isSymbolicLink()) return st.isFile() ? fs.readFileSync(p, 'utf8') : '';
    const target = fs.readlinkSync(p);
    const inside = path.posix.isAbsolute(target) ? target : path.posix.join(path.posix.dirname(p.slice(rootfs.length) || '/'), target);
    p = path.join(rootfs, path.posix.normalize(`/${inside}`));
  }
  return '';
}

function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[2]!) && /^\d+$/.test(f[3]!))
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]) }));
}

function parseGroup(text: string): GroupEntry[] {
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2]!))
    .map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

/** The text of a container's /etc/passwd and /etc/group; '' for a missing file. */
export interface UserFiles {
  passwd: string;
  group: string;
}

export function resolveUser(rootfs: string, user: string, groupAdd: string[] = []): ResolvedUser {
  return resolveUserIn({ passwd: readInRoot(rootfs, '/etc/passwd'), group: readInRoot(rootfs, '/etc/group') }, user, groupAdd);
}

export function resolveUserIn(files: UserFiles, user: string, groupAdd: string[] = []): ResolvedUser {
  const passwd = parsePasswd(files.passwd);
  const groups = parseGroup(files.group);
  const [userPart = '', groupPart] = user.split(':', 2) as [string, string?];
  let uid = 0;
  let gid = 0;
  let name: string | undefined;
  const numeric = /^\d+$/.test(userPart);
  const entry = userPart === '' ? passwd.find((p) => p.uid === 0) : passwd.find((p) => (numeric ? p.uid === Number(userPart) : p.name === userPart));
  if (entry) {
    ({ uid, gid, name } = entry);
  } else if (numeric) {
    uid = Number(userPart);
  } else if (userPart !== '') {
    throw invalidArgument(`unable to find user ${userPart}: no matching entries in passwd file`);
  }
  const additional: number[] = [];
  if (groupPart !== undefined && groupPart !== '') {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const g = groups.find((e) => e.name === groupPart);
      if (!g) throw invalidArgument(`unable to find group ${groupPart}: no matching entries in group file`);
      gid = g.gid;
    }
  } else if (name !== undefined) {
    for (const g of groups) if (g.members.includes(name) && g.gid !== gid) additional.push(g.gid);
  }
  for (const g of groupAdd) {
    if (/^\d+$/.test(g)) additional.push(Number(g));
    else {
      const found = groups.find((e) => e.name === g);
      if (!found) throw invalidArgument(`Unable to find group ${g}: no matching entries in group file`);
      additional.push(found.gid);
    }
  }
  const unique = [...new Set(additional)];
  return { uid, gid, ...(unique.length ? { additionalGids: unique } : {}) };
}

const isNumber = (s: string) => /^\d+$/.test(s);

/** Whether Config.User or GroupAdd name something only the container's /etc files know. */
export function needsPasswd(user: string, groupAdd: string[] | null | undefined): boolean {
  const [u = '', g] = user.split(':', 2) as [string, string?];
  const userNamed = u !== '' && u !== 'root' && !isNumber(u);
  return userNamed || (g !== undefined && g !== '' && !isNumber(g)) || (groupAdd ?? []).some((x) => !isNumber(x));
}

/** "uid[:gid]", "root" and numeric GroupAdd, which need no files. */
export function numericUser(user: string, groupAdd: string[] | null | undefined): ResolvedUser {
  const m = /^(?:(\d+)|root|)(?::(\d+))?$/.exec(user);
  if (!m || needsPasswd(user, groupAdd)) throw invalidArgument(`unable to find user ${user}: the container's /etc/passwd is needed to resolve it`);
  const extra = (groupAdd ?? []).map(Number);
  return { uid: Number(m[1] ?? 0), gid: Number(m[2] ?? 0), ...(extra.length ? { additionalGids: extra } : {}) };
}
