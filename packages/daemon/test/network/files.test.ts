import { defaultSpec } from '@skiff/oci-spec';
import { renderHosts, renderResolv, withNetworkFiles } from '../../src/network/files';
import type { ContainerRecord } from '../../src/store/record';

const NET = 'n'.repeat(64);
const BRIDGE = 'b'.repeat(64);

function rec(id: string, name: string, networks: ContainerRecord['Networks'], extra: Partial<ContainerRecord['HostConfig']> = {}): ContainerRecord {
  return {
    Id: id.repeat(64).slice(0, 64),
    Name: name,
    Config: { Hostname: id.repeat(12).slice(0, 12), Domainname: '' },
    HostConfig: { NetworkMode: 'x', AutoRemove: false, ...extra },
    Networks: networks,
  } as unknown as ContainerRecord;
}
const ep = (networkId: string, ip: string, aliases: string[] | null = null) => ({ NetworkID: networkId, EndpointID: 'e', IPAddress: ip, IPPrefixLen: 24, Gateway: '', MacAddress: '', Aliases: aliases, IfName: 'eth0' });

describe('name resolution files', () => {
  it('/etc/hosts lists extra hosts, itself, and the peers of user-defined networks by name, alias and short id', () => {
    const self = rec('a', 'web', { app: ep(NET, '10.0.0.2'), bridge: ep(BRIDGE, '172.30.0.2') }, { ExtraHosts: ['db.local:10.9.9.9'] });
    const peer = rec('b', 'api', { app: ep(NET, '10.0.0.3', ['api', 'backend']) });
    const onBridge = rec('c', 'other', { bridge: ep(BRIDGE, '172.30.0.3') });
    const stopped = rec('d', 'gone', { app: { ...ep(NET, ''), EndpointID: '' } });
    expect(renderHosts(self, [self, peer, onBridge, stopped], BRIDGE)).toBe(
      [
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'ff00::0\tip6-mcastprefix',
        'ff02::1\tip6-allnodes',
        'ff02::2\tip6-allrouters',
        '10.9.9.9\tdb.local',
        '10.0.0.2\taaaaaaaaaaaa',
        '172.30.0.2\taaaaaaaaaaaa',
        '10.0.0.3\tapi backend bbbbbbbbbbbb',
        '',
      ].join('\n'),
    );
  });

  it('resolv.conf drops loopback nameservers, keeps search and options, and takes Dns* when given', () => {
    const host = 'nameserver 127.0.0.53\nnameserver 192.168.1.1\nsearch corp.example\noptions edns0 trust-ad\n';
    expect(renderResolv(host, {})).toBe('nameserver 192.168.1.1\nsearch corp.example\noptions edns0 trust-ad\n');
    expect(renderResolv(host, { Dns: ['10.8.8.8'], DnsSearch: ['a.example'], DnsOptions: ['ndots:2'] })).toBe('nameserver 10.8.8.8\nsearch a.example\noptions ndots:2\n');
    // No public fallback: nothing usable gives no nameserver.
    expect(renderResolv('nameserver 127.0.0.1\n', {})).toBe('\n');
  });

  it('bind-mounts the three files unless the user mounts something there', () => {
    const spec = defaultSpec();
    spec.mounts = [{ destination: '/etc/hosts', source: '/mine', type: 'bind', options: ['rbind'] }];
    withNetworkFiles(spec, { hosts: '/d/hosts', hostname: '/d/hostname', resolv: '/d/resolv.conf' });
    expect(spec.mounts.map((m) => `${m.destination}=${m.source}`)).toEqual(['/etc/hosts=/mine', '/etc/resolv.conf=/d/resolv.conf', '/etc/hostname=/d/hostname']);
  });
});
