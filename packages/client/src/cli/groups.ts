// docker's management commands `container` and `image`: the same verbs as the top-level ones,
// some under other names (`container ls` is `ps`, `image rm` is `rmi`). Each verb is declared
// once (main.ts) and registered wherever docker has it; this table says where and under which
// names, and gives docker's "Aliases:" line, which lists every path of a verb.
import { DockerCommand } from './help';

export type Group = 'container' | 'image';

interface Placement {
  group: Group;
  /** The verb's name in the group, when it differs from the top-level one. */
  name?: string;
  aliases?: string[];
}

const inContainer: Placement = { group: 'container' };
const inImage: Placement = { group: 'image' };

/** Top-level verbs that docker also has in a group; others (inspect, login, events...) stay top-level only. */
const PLACEMENTS: Record<string, Placement> = {
  attach: inContainer,
  commit: inContainer,
  cp: inContainer,
  create: inContainer,
  diff: inContainer,
  exec: inContainer,
  export: inContainer,
  kill: inContainer,
  logs: inContainer,
  ps: { group: 'container', name: 'ls', aliases: ['list', 'ps'] },
  pause: inContainer,
  port: inContainer,
  rename: inContainer,
  restart: inContainer,
  rm: { group: 'container', aliases: ['remove'] },
  run: inContainer,
  start: inContainer,
  stats: inContainer,
  stop: inContainer,
  top: inContainer,
  unpause: inContainer,
  update: inContainer,
  wait: inContainer,
  history: inImage,
  import: inImage,
  images: { group: 'image', name: 'ls', aliases: ['list'] },
  load: inImage,
  pull: inImage,
  push: inImage,
  rmi: { group: 'image', name: 'rm', aliases: ['remove'] },
  save: inImage,
  tag: inImage,
};

/** docker's "Aliases:" paths of a top-level verb: its group's names first, then its own. */
export function aliasPaths(verb: string): string[] | undefined {
  const p = PLACEMENTS[verb];
  if (!p) return undefined;
  const name = p.name ?? verb;
  return [...[name, ...(p.aliases ?? [])].map((n) => `${p.group} ${n}`), verb];
}

export type VerbFactory = (name: string, usage: string, description: string) => DockerCommand;

/**
 * A factory that registers the verbs `group` has under `parent`, with their group names and
 * aliases; a verb the group does not have is built detached and never reachable.
 */
export function groupFactory(parent: DockerCommand, group: Group, register: (parent: DockerCommand, name: string, usage: string, description: string) => DockerCommand): VerbFactory {
  return (verb, usage, description) => {
    const p = PLACEMENTS[verb];
    if (p?.group !== group) return new DockerCommand(verb);
    const name = p.name ?? verb;
    const command = register(parent, name, usage.replace(/^\S+/, name), description);
    if (p.aliases) command.aliases(p.aliases);
    return command.sameAs(...aliasPaths(verb)!);
  };
}
