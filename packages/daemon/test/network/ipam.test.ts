import { allocateIp, allocateSubnet, contains, firstHost, macFor, overlaps, parseCidr } from '../../src/network/ipam';

describe('IPAM', () => {
  it('parses CIDRs to their network address and refuses bad ones', () => {
    expect(parseCidr('172.30.0.1/16')).toEqual({ base: (172 << 24 >>> 0) + (30 << 16), prefix: 16 });
    expect(() => parseCidr('10.0.0.0')).toThrow('invalid CIDR address: 10.0.0.0');
    expect(() => parseCidr('10.0.0.256/24')).toThrow('invalid IPv4 address');
    expect(() => parseCidr('10.0.0.0/33')).toThrow('invalid CIDR');
  });

  it('hands out the lowest free host address, skipping the gateway, network and broadcast', () => {
    const s = parseCidr('10.1.2.0/29');
    expect(firstHost(s)).toBe('10.1.2.1');
    expect(allocateIp(s, ['10.1.2.1'])).toBe('10.1.2.2');
    expect(allocateIp(s, ['10.1.2.1', '10.1.2.2', '10.1.2.4'])).toBe('10.1.2.3');
    expect(() => allocateIp(s, ['10.1.2.1', '10.1.2.2', '10.1.2.3', '10.1.2.4', '10.1.2.5', '10.1.2.6'])).toThrow('no available IPv4 addresses');
    // An IPRange: only its addresses, and never the subnet's broadcast even when the range ends there.
    const range = parseCidr('10.1.2.4/30');
    expect(allocateIp(s, [], '10.1.2.0/29', range)).toBe('10.1.2.4');
    expect(allocateIp(s, ['10.1.2.4', '10.1.2.5'], '10.1.2.0/29', range)).toBe('10.1.2.6');
    expect(() => allocateIp(s, ['10.1.2.4', '10.1.2.5', '10.1.2.6'], '10.1.2.0/29', range)).toThrow('no available IPv4 addresses');
    expect(contains(s, '10.1.2.7')).toBe(true);
    expect(contains(s, '10.1.2.8')).toBe(false);
  });

  it('allocates pool subnets that overlap no existing network', () => {
    expect(allocateSubnet('10.223.5.0/24', 28, [])).toBe('10.223.5.0/28');
    expect(allocateSubnet('10.223.5.0/24', 28, [parseCidr('10.223.5.0/28'), parseCidr('10.223.5.16/28')])).toBe('10.223.5.32/28');
    expect(allocateSubnet('172.31.0.0/16', 24, [parseCidr('172.31.0.0/23')])).toBe('172.31.2.0/24');
    expect(() => allocateSubnet('10.0.0.0/30', 30, [parseCidr('10.0.0.0/8')])).toThrow('could not find an available, non-overlapping IPv4 address pool');
    expect(overlaps(parseCidr('10.0.0.0/8'), parseCidr('10.5.0.0/16'))).toBe(true);
  });

  it('derives Docker-style MAC addresses from the IPv4 address', () => {
    expect(macFor('172.30.0.2')).toBe('02:42:ac:1e:00:02');
  });
});
