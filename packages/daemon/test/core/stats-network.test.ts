// Docker's `networks` stats from a net/dev file: every interface but loopback, none for host
// networking or a namespace with loopback only, and the field in the stats document.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { statsDocument } from '../../src/core/stats';
import { containerNetworkStats, parseNetDev } from '../../src/core/stats-network';
import { FakeContainerd } from '../helpers/fake-containerd';

const NET_DEV = [
  'Inter-|   Receive                                                |  Transmit',
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
  '    lo:   11353      81    0    0    0     0          0         0    11353      81    0    0    0     0       0          0',
  '  eth0:    1296      16    1    2    0     0          0         0      726       9    3    4    0     0       0          0',
  // A counter wide enough to touch the colon, as older kernels print it.
  'eth1:123456789012 900 0 0 0 0 0 0 42 1 0 0 0 0 0 0',
  '',
].join('\n');

const zeroIf = { rx_bytes: 0, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 };

it('parses every interface but lo into Docker\'s counters', () => {
  expect(parseNetDev(NET_DEV)).toEqual({
    eth0: { rx_bytes: 1296, rx_packets: 16, rx_errors: 1, rx_dropped: 2, tx_bytes: 726, tx_packets: 9, tx_errors: 3, tx_dropped: 4 },
    eth1: { ...zeroIf, rx_bytes: 123456789012, rx_packets: 900, tx_bytes: 42, tx_packets: 1 },
  });
  expect(parseNetDev('')).toEqual({});
  expect(parseNetDev('junk: 1 2 3\n')).toEqual({});
});

describe('containerNetworkStats', () => {
  let proc: string;
  beforeAll(() => {
    proc = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-netdev-'));
    fs.mkdirSync(path.join(proc, '42', 'net'), { recursive: true });
    fs.writeFileSync(path.join(proc, '42', 'net', 'dev'), NET_DEV);
    fs.mkdirSync(path.join(proc, '43', 'net'), { recursive: true });
    fs.writeFileSync(path.join(proc, '43', 'net', 'dev'), NET_DEV.split('\n').slice(0, 3).join('\n'));
  });
  afterAll(() => fs.rmSync(proc, { recursive: true, force: true }));

  it('reads the namespace of the container\'s process', () => {
    expect(Object.keys(containerNetworkStats(42, 'bridge', proc)!)).toEqual(['eth0', 'eth1']);
    expect(containerNetworkStats(42, 'container:abc', proc)!.eth0!.rx_bytes).toBe(1296);
  });

  it('gives nothing for host networking, loopback only, no process or a gone one', () => {
    expect(containerNetworkStats(42, 'host', proc)).toBeUndefined();
    expect(containerNetworkStats(43, 'none', proc)).toBeUndefined();
    expect(containerNetworkStats(0, 'bridge', proc)).toBeUndefined();
    expect(containerNetworkStats(44, 'bridge', proc)).toBeUndefined();
  });
});

it('the stats document carries networks only when the sample has them', () => {
  const metrics = new FakeContainerd().sample;
  const networks = parseNetDev(NET_DEV);
  const withNet = statsDocument('c', 'id', { read: new Date(0), metrics, systemCpuNs: 1, networks }, undefined, 8e9) as { networks?: object };
  expect(withNet.networks).toEqual(networks);
  const without = statsDocument('c', 'id', { read: new Date(0), metrics, systemCpuNs: 1 }, undefined, 8e9);
  expect(without).not.toHaveProperty('networks');
});
