// The kernel side of a bridge network, as command sequences over a CommandRunner: the bridge
// device, the iptables rules of a network, a container's persistent network namespace (a bind-
// mounted nsfs file, so it outlives the container's processes and skiffd) and its veth pairs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeNetns, unmount } from '../core/libc';
import { DNAT_CHAIN } from './ports';
import type { CommandRunner } from './runner';

/** skiffd's own chains, hooked once from the built-in ones, so its rules are easy to find and drop. */
export const NAT_CHAIN = 'SKIFF-POSTROUTING';
export const FILTER_CHAIN = 'SKIFF-FORWARD';
export { DNAT_CHAIN };

export interface BridgeSpec {
  device: string;
  subnet: string;
  gateway: string;
  prefix: number;
  mtu: number;
  internal: boolean;
}

export interface VethSpec {
  netns: string;
  bridge: string;
  /** The host end's name; the peer is `ifName` inside the namespace. */
  hostIf: string;
  ifName: string;
  ip: string;
  prefix: number;
  gateway: string;
  mac: string;
  mtu: number;
  defaultRoute: boolean;
}

async function tolerate(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!pattern.test((err as Error).message)) throw err;
  }
}

const ipt = (table: string, ...args: string[]) => ['-w', '-t', table, ...args];

/** iproute2's -batch input: one command per line; the first that fails ends it with an error. */
const batch = (lines: string[]) => `${lines.join('\n')}\n`;

/** A rule is added only when `-C` does not find it, so re-applying after a restart is harmless. */
async function ensureRule(run: CommandRunner, table: string, chain: string, rule: string[], insert = false): Promise<void> {
  try {
    await run.run('iptables', ipt(table, '-C', chain, ...rule));
  } catch {
    await run.run('iptables', ipt(table, insert ? '-I' : '-A', chain, ...rule));
  }
}

/** Outbound NAT, and the source of host connections to 127.0.0.1-published ports rewritten (the container cannot answer 127.0.0.1). */
export function natRules(b: BridgeSpec): string[][] {
  const localhost = ['-s', '127.0.0.0/8', '-o', b.device, '-j', 'MASQUERADE'];
  return b.internal ? [localhost] : [['-s', b.subnet, '!', '-o', b.device, '-j', 'MASQUERADE'], localhost];
}

/** Internal networks talk only among themselves; the others anywhere. */
export function filterRules(b: BridgeSpec): string[][] {
  if (b.internal) {
    return [
      ['-i', b.device, '!', '-o', b.device, '-j', 'DROP'],
      ['-o', b.device, '!', '-i', b.device, '-j', 'DROP'],
    ];
  }
  return [
    ['-i', b.device, '-j', 'ACCEPT'],
    ['-o', b.device, '-j', 'ACCEPT'],
  ];
}

export class LinuxNetwork {
  /**
   * Bridges set up by this process, with the spec they were set up with: each container start
   * ensures its network's bridge, and the full check is some twenty child processes. As dockerd,
   * the rules are put in place when the network is made or skiffd starts, not re-checked at every
   * start; a device deleted behind skiffd's back is noticed and made again.
   */
  private readonly ensured = new Map<string, string>();

  /** `makeNetns` is the kernel's (core/libc) but in unit tests, which pass a recording fake. */
  constructor(
    private readonly run: CommandRunner,
    private readonly netns: (file: string) => void = makeNetns,
  ) {}

  /** The bridge up with its gateway address, forwarding on, the network's rules in skiffd's chains. */
  async ensureBridge(b: BridgeSpec): Promise<void> {
    const key = JSON.stringify(b);
    if (this.ensured.get(b.device) === key && fs.existsSync(`/sys/class/net/${b.device}`)) return;
    await this.setUpBridge(b);
    this.ensured.set(b.device, key);
  }

  /**
   * A handful of child processes whatever is already in place (skiffd's start ensures the default
   * bridge, each network create its own): one ip batch for the device, one sysctl, one
   * iptables-save per table to see which chains and rules exist; only missing ones cost more.
   */
  private async setUpBridge(b: BridgeSpec): Promise<void> {
    const link = [
      ...(fs.existsSync(`/sys/class/net/${b.device}`) ? [] : [`link add name ${b.device} type bridge`]),
      `link set ${b.device} mtu ${b.mtu}`,
      `addr replace ${b.gateway}/${b.prefix} dev ${b.device}`,
      `link set ${b.device} up`,
    ];
    await this.run.run('ip', ['-batch', '-'], batch(link));
    // route_localnet lets DNAT send 127.0.0.1-addressed traffic out of the bridge (published ports on localhost).
    await this.run.run('sysctl', ['-qw', 'net.ipv4.ip_forward=1', `net.ipv4.conf.${b.device}.route_localnet=1`]);
    const saved = { nat: await this.saved('nat'), filter: await this.saved('filter') };
    const chain = async (table: 'nat' | 'filter', name: string) => {
      if (!saved[table].chains.has(name)) await tolerate(this.run.run('iptables', ipt(table, '-N', name)), /exists/);
    };
    const rule = async (table: 'nat' | 'filter', name: string, r: string[], insert = false) => {
      if (!saved[table].rules.has(`-A ${name} ${r.join(' ')}`)) await ensureRule(this.run, table, name, r, insert);
    };
    await chain('nat', NAT_CHAIN);
    await rule('nat', 'POSTROUTING', ['-j', NAT_CHAIN], true);
    await chain('filter', FILTER_CHAIN);
    await rule('filter', 'FORWARD', ['-j', FILTER_CHAIN], true);
    await chain('nat', DNAT_CHAIN);
    for (const hook of ['PREROUTING', 'OUTPUT']) await rule('nat', hook, ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', DNAT_CHAIN], true);
    for (const r of natRules(b)) await rule('nat', NAT_CHAIN, r);
    for (const r of filterRules(b)) await rule('filter', FILTER_CHAIN, r);
  }

  /**
   * The chains and rules of a table as iptables-save prints them. A rule written differently
   * from its canonical form is not found here and gets the exact `-C` check instead.
   */
  private async saved(table: string): Promise<{ chains: Set<string>; rules: Set<string> }> {
    const chains = new Set<string>();
    const rules = new Set<string>();
    let text = '';
    try {
      text = await this.run.run('iptables-save', ['-t', table]);
    } catch {
      // Nothing known: every chain and rule gets the full check.
    }
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) chains.add(line.slice(1).split(' ')[0]!);
      else if (line.startsWith('-A ')) rules.add(line.trim());
    }
    return { chains, rules };
  }

  /** The device and its rules; the (shared) chains stay. Missing pieces are not errors. */
  async removeBridge(b: BridgeSpec): Promise<void> {
    this.ensured.delete(b.device);
    for (const r of natRules(b)) await this.run.run('iptables', ipt('nat', '-D', NAT_CHAIN, ...r)).catch(() => undefined);
    for (const r of filterRules(b)) await this.run.run('iptables', ipt('filter', '-D', FILTER_CHAIN, ...r)).catch(() => undefined);
    await this.run.run('ip', ['link', 'del', b.device]).catch(() => undefined);
  }

  async addPortRules(rules: string[][]): Promise<void> {
    for (const r of rules) await ensureRule(this.run, 'nat', DNAT_CHAIN, r);
  }

  async removePortRules(rules: string[][]): Promise<void> {
    for (const r of rules) await this.run.run('iptables', ipt('nat', '-D', DNAT_CHAIN, ...r)).catch(() => undefined);
  }

  /** A new network namespace kept by a bind mount on `file`, with loopback up: no child process. */
  async createNetns(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    try {
      this.netns(file);
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
  }

  /** Unmounting the last reference destroys the namespace and the veth ends inside it. */
  async removeNetns(file: string): Promise<void> {
    if (!fs.existsSync(file)) return;
    // umount2(2), not umount(8): a child process here delayed every container's exit by tens of ms.
    try {
      unmount(file);
    } catch {
      // Not mounted (any more): the file alone goes.
    }
    fs.rmSync(file, { force: true });
  }

  /**
   * Two processes, whatever the number of steps (each child process costs milliseconds): the
   * host end is made with its peer created straight inside the namespace under its final name
   * and address, then the namespace side is addressed and routed from within.
   */
  async addVeth(v: VethSpec): Promise<void> {
    const host = [
      `link add ${v.hostIf} mtu ${v.mtu} type veth peer name ${v.ifName} mtu ${v.mtu} address ${v.mac} netns ${v.netns}`,
      `link set ${v.hostIf} master ${v.bridge}`,
      `link set ${v.hostIf} up`,
    ];
    const inside = [
      `addr add ${v.ip}/${v.prefix} dev ${v.ifName}`,
      `link set ${v.ifName} up`,
      ...(v.defaultRoute ? [`route add default via ${v.gateway} dev ${v.ifName}`] : []),
    ];
    try {
      await this.run.run('ip', ['-batch', '-'], batch(host));
      await this.run.run('nsenter', [`--net=${v.netns}`, 'ip', '-batch', '-'], batch(inside));
    } catch (err) {
      await this.removeVeth(v.hostIf);
      throw err;
    }
  }

  /** Deleting one end of a veth pair deletes both. */
  async removeVeth(hostIf: string): Promise<void> {
    // A removal that finds it gone (a second release, or its namespace died with it) costs no child process.
    if (!fs.existsSync(`/sys/class/net/${hostIf}`)) return;
    await this.run.run('ip', ['link', 'del', hostIf]).catch(() => undefined);
  }
}
