// `docker exec -u`: as dockerd, the user is resolved when the exec starts, against the running
// container's own /etc/passwd and /etc/group, with the container's HostConfig.GroupAdd. Unlike a
// container's own process, dockerd gives an exec'd one its primary group as the first
// supplementary group too.
import { type ResolvedUser, resolveUser } from './hostconfig-user';

const numeric = (s: string) => /^\d+$/.test(s);

function withPrimaryGroup(user: ResolvedUser): ResolvedUser {
  return { uid: user.uid, gid: user.gid, additionalGids: [...new Set([user.gid, ...(user.additionalGids ?? [])])] };
}

/**
 * "uid:gid" with numeric GroupAdd: nothing to look up, so no file is read. Anything else (a
 * bare uid takes its passwd entry's group and memberships) gives undefined.
 */
export function execUserWithoutFiles(user: string, groupAdd: string[]): ResolvedUser | undefined {
  const m = /^(\d+):(\d+)$/.exec(user);
  if (!m || !groupAdd.every(numeric)) return undefined;
  return withPrimaryGroup({ uid: Number(m[1]), gid: Number(m[2]), additionalGids: groupAdd.map(Number) });
}

/** The user against the container's root (a host path to its "/"); Docker's errors for unknown names. */
export function execUserFromRoot(root: string, user: string, groupAdd: string[]): ResolvedUser {
  return withPrimaryGroup(resolveUser(root, user, groupAdd));
}
