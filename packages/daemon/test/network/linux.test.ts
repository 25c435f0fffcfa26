import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LinuxNetwork } from '../../src/network/linux';
import { RecordingRunner } from '../helpers/recording-runner';

const bridge = { device: 'br-0123456789ab', subnet: '10.5.0.0/24', gateway: '10.5.0.1', prefix: 24, mtu: 1500, internal: false };

describe('the kernel side of bridge networks (golden command lists)', () => {
  it('sets up a bridge: device, address, forwarding, skiffd chains hooked once, the network rules', async () => {
    const run = new RecordingRunner();
    // Nothing exists yet: every -C check fails.
    run.fail(/ -C /, 'Bad rule (does a matching rule exist in that chain?)');
    await new LinuxNetwork(run).ensureBridge(bridge);
    expect(run.calls.filter((c) => !c.includes(' -C '))).toEqual([
      ['ip -batch -', 'link add name br-0123456789ab type bridge', 'link set br-0123456789ab mtu 1500', 'addr replace 10.5.0.1/24 dev br-0123456789ab', 'link set br-0123456789ab up'].join('\n'),
      'sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.br-0123456789ab.route_localnet=1',
      'iptables-save -t nat',
      'iptables-save -t filter',
      'iptables -w -t nat -N SKIFF-POSTROUTING',
      'iptables -w -t nat -I POSTROUTING -j SKIFF-POSTROUTING',
      'iptables -w -t filter -N SKIFF-FORWARD',
      'iptables -w -t filter -I FORWARD -j SKIFF-FORWARD',
      'iptables -w -t nat -N SKIFF-DNAT',
      'iptables -w -t nat -I PREROUTING -m addrtype --dst-type LOCAL -j SKIFF-DNAT',
      'iptables -w -t nat -I OUTPUT -m addrtype --dst-type LOCAL -j SKIFF-DNAT',
      'iptables -w -t nat -A SKIFF-POSTROUTING -s 10.5.0.0/24 ! -o br-0123456789ab -j MASQUERADE',
      'iptables -w -t nat -A SKIFF-POSTROUTING -s 127.0.0.0/8 -o br-0123456789ab -j MASQUERADE',
      'iptables -w -t filter -A SKIFF-FORWARD -i br-0123456789ab -j ACCEPT',
      'iptables -w -t filter -A SKIFF-FORWARD -o br-0123456789ab -j ACCEPT',
    ]);
  });

  it('is idempotent: chains and rules iptables-save lists cost no iptables call; one written otherwise gets the exact check', async () => {
    const run = new RecordingRunner();
    run.respond(/^iptables-save -t nat$/, [
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      ':SKIFF-POSTROUTING - [0:0]',
      ':SKIFF-DNAT - [0:0]',
      '-A PREROUTING -m addrtype --dst-type LOCAL -j SKIFF-DNAT',
      '-A OUTPUT -m addrtype --dst-type LOCAL -j SKIFF-DNAT',
      '-A POSTROUTING -j SKIFF-POSTROUTING',
      '-A SKIFF-POSTROUTING -s 127.0.0.0/8 -o br-0123456789ab -j MASQUERADE',
      'COMMIT',
    ].join('\n'));
    run.respond(/^iptables-save -t filter$/, [
      '*filter',
      ':SKIFF-FORWARD - [0:0]',
      '-A FORWARD -j SKIFF-FORWARD',
      '-A SKIFF-FORWARD -i br-0123456789ab ! -o br-0123456789ab -j DROP',
      '-A SKIFF-FORWARD -o br-0123456789ab ! -i br-0123456789ab -j DROP',
      'COMMIT',
    ].join('\n'));
    await new LinuxNetwork(run).ensureBridge({ ...bridge, internal: true });
    expect(run.calls.filter((c) => c.startsWith('iptables '))).toEqual([]);

    // The internal rules are not there for a non-internal network: checked, then added.
    const other = new RecordingRunner();
    other.fail(/ -C /, 'Bad rule');
    await new LinuxNetwork(other).ensureBridge(bridge);
    expect(other.calls.filter((c) => / -[AIN] /.test(c)).length).toBeGreaterThan(0);
  });

  it('a bridge already set up by this process with the same spec is not set up again while its device exists', async () => {
    const run = new RecordingRunner();
    const linux = new LinuxNetwork(run);
    // 'lo' stands for a device that exists; the runner runs nothing.
    const existing = { ...bridge, device: 'lo' };
    await linux.ensureBridge(existing);
    const once = run.calls.length;
    expect(once).toBeGreaterThan(0);
    await linux.ensureBridge(existing);
    expect(run.calls.length).toBe(once);
    await linux.ensureBridge({ ...existing, mtu: 1400 });
    expect(run.calls.length).toBe(2 * once);
    // A device that is gone is made again.
    await linux.ensureBridge(bridge);
    await linux.ensureBridge(bridge);
    expect(run.calls.length).toBe(4 * once);
    await linux.removeBridge(existing);
    const afterRemove = run.calls.length;
    await linux.ensureBridge(existing);
    expect(run.calls.length).toBe(afterRemove + once);
  });

  it('internal networks get no NAT and are fenced off', async () => {
    const run = new RecordingRunner();
    await new LinuxNetwork(run).removeBridge({ ...bridge, internal: true });
    expect(run.calls).toEqual([
      'iptables -w -t nat -D SKIFF-POSTROUTING -s 127.0.0.0/8 -o br-0123456789ab -j MASQUERADE',
      'iptables -w -t filter -D SKIFF-FORWARD -i br-0123456789ab ! -o br-0123456789ab -j DROP',
      'iptables -w -t filter -D SKIFF-FORWARD -o br-0123456789ab ! -i br-0123456789ab -j DROP',
      'ip link del br-0123456789ab',
    ]);
  });

  it('a namespace file (made in-process), then a veth pair with its peer made inside, addressed and routed: two processes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skn-'));
    try {
      const run = new RecordingRunner();
      const made: string[] = [];
      const linux = new LinuxNetwork(run, (file) => void made.push(file));
      const ns = path.join(dir, 'netns', 'c1');
      await linux.createNetns(ns);
      expect(fs.existsSync(ns)).toBe(true);
      expect(made).toEqual([ns]);
      await linux.addVeth({ netns: ns, bridge: 'skiff0', hostIf: 'veth1234567', peerIf: 'vtmp1234567', ifName: 'eth0', ip: '172.30.0.2', prefix: 16, gateway: '172.30.0.1', mac: '02:42:ac:1e:00:02', mtu: 1400, defaultRoute: true });
      await linux.removeNetns(ns);
      expect(fs.existsSync(ns)).toBe(false);
      expect(run.calls).toEqual([
        ['ip -batch -', `link add veth1234567 mtu 1400 type veth peer name eth0 mtu 1400 address 02:42:ac:1e:00:02 netns ${ns}`, 'link set veth1234567 master skiff0', 'link set veth1234567 up'].join('\n'),
        [`nsenter --net=${ns} ip -batch -`, 'addr add 172.30.0.2/16 dev eth0', 'link set eth0 up', 'route add default via 172.30.0.1 dev eth0'].join('\n'),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a veth that fails half-way is deleted again', async () => {
    const run = new RecordingRunner();
    run.fail(/^nsenter/, 'Command failed -:1');
    // The host end exists here for real, so its removal is not skipped.
    await expect(
      new LinuxNetwork(run).addVeth({ netns: '/x', bridge: 'b', hostIf: 'lo', ifName: 'eth0', ip: '10.0.0.2', prefix: 24, gateway: '10.0.0.1', mac: 'm', mtu: 1500, defaultRoute: false }),
    ).rejects.toThrow('Command failed -:1');
    expect(run.calls[run.calls.length - 1]).toBe('ip link del lo');
  });
});
