import { assignPorts, dnatRules, exposedPortsField, portSummary, takenBy, wantedBindings } from '../../src/network/ports';

describe('published ports', () => {
  it('takes PortBindings, and with -P every exposed port on a random host port', () => {
    expect(wantedBindings({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] }, false, ['80/tcp', '53/udp'])).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': null });
    expect(wantedBindings({}, true, ['80', '53/udp'])).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '' }], '53/udp': [{ HostIp: '', HostPort: '' }] });
  });

  it('assigns addresses and random ports, and refuses taken ones with dockerd\'s words', () => {
    let next = 40000;
    const got = assignPorts({ '80/tcp': [{ HostIp: '', HostPort: '' }, { HostIp: '127.0.0.1', HostPort: '8080' }] }, [{ ip: '0.0.0.0', port: 40000, proto: 'tcp' }], () => next++);
    expect(got).toEqual({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '40001' }, { HostIp: '127.0.0.1', HostPort: '8080' }] });
    expect(() => assignPorts({ '80/tcp': [{ HostIp: '', HostPort: '8080' }] }, takenBy(got))).toThrow('Bind for 0.0.0.0:8080 failed: port is already allocated');
    // Another address or protocol is no conflict.
    expect(() => assignPorts({ '80/tcp': [{ HostIp: '10.0.0.1', HostPort: '9' }], '80/udp': [{ HostIp: '', HostPort: '8080' }] }, [{ ip: '127.0.0.1', port: 9, proto: 'tcp' }, ...takenBy(got)])).not.toThrow();
  });

  it('turns bindings into DNAT rules to the container address', () => {
    expect(dnatRules({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '9090' }], '53/udp': null }, '10.1.0.2')).toEqual([
      ['-p', 'tcp', '-m', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.1.0.2:80'],
      ['-d', '127.0.0.1/32', '-p', 'tcp', '-m', 'tcp', '--dport', '9090', '-j', 'DNAT', '--to-destination', '10.1.0.2:80'],
    ]);
  });

  it('summarises ports for docker ps and merges exposed ports of image and request', () => {
    expect(portSummary({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '53/udp': null })).toEqual([{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { PrivatePort: 53, Type: 'udp' }]);
    expect(exposedPortsField({ ExposedPorts: { '80/tcp': {} } }, { ExposedPorts: { '80': {}, '53/udp': {} } })).toEqual({ ExposedPorts: { '80/tcp': {}, '53/udp': {} } });
    expect(exposedPortsField({}, {})).toEqual({});
  });
});
