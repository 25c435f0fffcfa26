// /networks over the fake containerd and a recording command runner: Docker's shapes, filters,
// errors, and the endpoints containers get at start and lose at stop.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NetworkService } from '../../src/network/service';
import { silentLogger } from '../../src/log';
import { fakeDaemon } from '../helpers/fake-containerd';
import { RecordingRunner } from '../helpers/recording-runner';

let d: ReturnType<typeof fakeDaemon>;
let runner: RecordingRunner;
beforeEach(async () => {
  runner = new RecordingRunner();
  d = fakeDaemon({
    network: (dataRoot, execRoot) =>
      new NetworkService({ dataRoot, execRoot, runner, bridge: 'skiff0', bip: '172.30.0.1/16', mtu: 1500, pools: [{ base: '10.223.0.0/24', size: 28 }], log: silentLogger(), resolvConf: '/nonexistent', hostsFile: '/nonexistent', makeNetns: () => undefined }),
  });
  await d.containers.network!.init();
});
afterEach(async () => {
  await d.close();
});

const req = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => d.app.inject({ method, url, ...(payload ? { payload } : {}) });

it('lists the built-in networks, with the default bridge on the configured device and subnet', async () => {
  const list = (await req('GET', '/networks')).json() as Array<Record<string, unknown>>;
  expect(list.map((n) => `${n.Name} ${n.Driver}`)).toEqual(['host host', 'none null', 'bridge bridge']);
  const bridge = (await req('GET', '/networks/bridge')).json();
  expect(bridge).toMatchObject({ Name: 'bridge', Scope: 'local', Driver: 'bridge', IPAM: { Driver: 'default', Config: [{ Subnet: '172.30.0.0/16', Gateway: '172.30.0.1' }] }, Options: { 'com.docker.network.bridge.name': 'skiff0' } });
  expect(runner.calls.some((c) => c.startsWith('ip -batch -') && c.includes('\naddr replace 172.30.0.1/16 dev skiff0\n'))).toBe(true);
  expect((await req('GET', '/networks?filters={"type":["custom"]}')).json()).toEqual([]);
  expect((await req('GET', '/networks/nope')).json()).toEqual({ message: 'network nope not found' });
});

it('creates user networks from the pool or as asked, refuses duplicates, filters, removes and prunes', async () => {
  const created = await req('POST', '/networks/create', { Name: 'app', Labels: { team: 'a' } });
  expect(created.statusCode).toBe(201);
  const { Id } = created.json();
  const app = (await req('GET', `/networks/${Id.slice(0, 6)}`)).json();
  expect(app).toMatchObject({ Name: 'app', Id, Driver: 'bridge', Internal: false, Labels: { team: 'a' }, IPAM: { Config: [{ Subnet: '10.223.0.0/28', Gateway: '10.223.0.1' }] }, Containers: {} });
  expect(runner.calls.some((c) => c.startsWith('ip -batch -') && c.includes(`\nlink add name br-${Id.slice(0, 12)} type bridge\n`))).toBe(true);
  expect(fs.existsSync(path.join(d.dir, 'data', 'networks', `${Id}.json`))).toBe(true);

  const dup = await req('POST', '/networks/create', { Name: 'app' });
  expect([dup.statusCode, dup.json().message]).toEqual([409, 'network with name app already exists']);
  const own = (await req('POST', '/networks/create', { Name: 'own', Internal: true, IPAM: { Config: [{ Subnet: '10.99.0.0/24', Gateway: '10.99.0.254' }] } })).json();
  expect((await req('GET', `/networks/${own.Id}`)).json()).toMatchObject({ Internal: true, IPAM: { Config: [{ Subnet: '10.99.0.0/24', Gateway: '10.99.0.254' }] } });
  const overlap = await req('POST', '/networks/create', { Name: 'o2', IPAM: { Config: [{ Subnet: '10.99.0.128/25' }] } });
  expect([overlap.statusCode, overlap.json().message]).toEqual([403, 'Pool overlaps with other one on this address space']);
  expect((await req('POST', '/networks/create', { Name: 'm', Driver: 'macvlan' })).statusCode).toBe(404);

  const byLabel = (await req('GET', '/networks?filters={"label":["team=a"]}')).json() as Array<{ Name: string }>;
  expect(byLabel.map((n) => n.Name)).toEqual(['app']);
  expect(((await req('GET', '/networks?filters={"name":["ow"]}')).json() as Array<{ Name: string }>).map((n) => n.Name)).toEqual(['own']);

  const predefined = await req('DELETE', '/networks/bridge');
  expect([predefined.statusCode, predefined.json().message]).toEqual([403, 'bridge is a pre-defined network and cannot be removed']);
  expect((await req('DELETE', '/networks/app')).statusCode).toBe(204);
  expect(runner.calls).toContain(`ip link del br-${Id.slice(0, 12)}`);
  expect((await req('POST', '/networks/prune')).json()).toEqual({ NetworksDeleted: ['own'] });
  expect(fs.readdirSync(path.join(d.dir, 'data', 'networks'))).toHaveLength(1);
});

it('a container gets an address on start, shows it in inspect, blocks network rm, and gives it back at exit', async () => {
  const { Id: netId } = (await req('POST', '/networks/create', { Name: 'app' })).json();
  const created = await req('POST', '/containers/create?name=web', { Image: 'busybox', Cmd: ['sleep', '1'], HostConfig: { NetworkMode: 'app' }, NetworkingConfig: { EndpointsConfig: { app: { Aliases: ['site'] } } } });
  expect(created.statusCode).toBe(201);
  const id = created.json().Id as string;
  expect((await req('POST', `/containers/${id}/start`)).statusCode).toBe(204);
  const inspect = (await req('GET', `/containers/${id}/json`)).json();
  expect(inspect.NetworkSettings.Networks.app).toMatchObject({ NetworkID: netId, IPAddress: '10.223.0.2', IPPrefixLen: 28, Gateway: '10.223.0.1', MacAddress: '02:42:0a:df:00:02', Aliases: ['site'] });
  // Name, aliases, short id and hostname (the short id by default), once each, as dockerd lists them.
  expect(inspect.NetworkSettings.Networks.app.DNSNames).toEqual(['web', 'site', id.slice(0, 12)]);
  expect(inspect.HostConfig.NetworkMode).toBe('app');
  const hosts = fs.readFileSync(path.join(d.dir, 'data', 'containers', id, 'hosts'), 'utf8');
  expect(hosts).toContain(`10.223.0.2\t${id.slice(0, 12)}`);
  const net = (await req('GET', '/networks/app')).json();
  expect(net.Containers[id]).toMatchObject({ Name: 'web', IPv4Address: '10.223.0.2/28', MacAddress: '02:42:0a:df:00:02' });
  const rm = await req('DELETE', '/networks/app');
  expect([rm.statusCode, rm.json().message]).toEqual([403, `error while removing network: network app id ${netId} has active endpoints`]);

  d.port.exit(id, 0);
  await new Promise((r) => setTimeout(r, 50));
  const after = (await req('GET', `/containers/${id}/json`)).json();
  expect(after.NetworkSettings.Networks.app).toMatchObject({ NetworkID: netId, IPAddress: '', EndpointID: '' });
  // The veth was only recorded, never made, so its removal finds nothing to delete (the kernel
  // side is in integration/docker-network.test.ts); the namespace file is gone.
  expect(runner.calls.some((c) => c.startsWith('ip -batch -\nlink add veth'))).toBe(true);
  expect(fs.existsSync(path.join(d.dir, 'run', 'netns', id))).toBe(false);
  expect((await req('DELETE', '/networks/app')).statusCode).toBe(204);
});

it('IPRange, auxiliary addresses and static container addresses, with dockerd\'s checks and errors', async () => {
  const bad = async (Config: object) => {
    const r = await req('POST', '/networks/create', { Name: 'bad', IPAM: { Config: [Config] } });
    return [r.statusCode, r.json().message];
  };
  expect(await bad({ Subnet: '10.78.0.0/24', IPRange: '10.79.0.0/25' })).toEqual([400, 'no matching subnet for range 10.79.0.0/25']);
  expect(await bad({ Subnet: '10.78.0.0/24', AuxiliaryAddresses: { a: '10.79.0.1' } })).toEqual([400, 'no matching subnet for aux-address 10.79.0.1']);
  expect(await bad({ IPRange: '10.78.0.0/25' })).toEqual([400, 'every ip-range or gateway must have a corresponding subnet']);

  await req('POST', '/networks/create', { Name: 'ranged', IPAM: { Config: [{ Subnet: '10.77.0.0/24', IPRange: '10.77.0.128/25', AuxiliaryAddresses: { a: '10.77.0.129' } }] } });
  // As libnetwork: the gateway is the range's first address; containers skip it and the aux address.
  expect((await req('GET', '/networks/ranged')).json().IPAM.Config).toEqual([{ Subnet: '10.77.0.0/24', IPRange: '10.77.0.128/25', Gateway: '10.77.0.128', AuxiliaryAddresses: { a: '10.77.0.129' } }]);
  const start = async (name: string, ip?: string) => {
    const body = { Image: 'busybox', HostConfig: { NetworkMode: 'ranged' }, NetworkingConfig: { EndpointsConfig: { ranged: ip ? { IPAMConfig: { IPv4Address: ip } } : {} } } };
    const { Id } = (await req('POST', `/containers/create?name=${name}`, body)).json();
    const started = await req('POST', `/containers/${Id}/start`);
    return { id: Id as string, status: started.statusCode, message: started.statusCode === 204 ? '' : (started.json().message as string) };
  };
  const dynamic = await start('dyn');
  expect((await req('GET', `/containers/${dynamic.id}/json`)).json().NetworkSettings.Networks.ranged).toMatchObject({ IPAddress: '10.77.0.130', IPAMConfig: null });
  const fixed = await start('fixed', '10.77.0.5');
  expect(fixed.status).toBe(204);
  expect((await req('GET', `/containers/${fixed.id}/json`)).json().NetworkSettings.Networks.ranged).toMatchObject({ IPAddress: '10.77.0.5', IPAMConfig: { IPv4Address: '10.77.0.5' } });
  expect(await start('taken', '10.77.0.5')).toMatchObject({ status: 403, message: 'Address already in use' });
  expect(await start('aux', '10.77.0.129')).toMatchObject({ status: 403, message: 'Address already in use' });
  expect(await start('outside', '10.99.0.5')).toMatchObject({ status: 400, message: "Invalid address 10.99.0.5: It does not belong to any of this network's subnets" });
  // The static address is kept across a stop and given again at the next start.
  d.port.exit(fixed.id, 0);
  await new Promise((r) => setTimeout(r, 50));
  expect((await req('GET', `/containers/${fixed.id}/json`)).json().NetworkSettings.Networks.ranged).toMatchObject({ IPAddress: '', IPAMConfig: { IPv4Address: '10.77.0.5' } });
  expect((await req('POST', `/containers/${fixed.id}/start`)).statusCode).toBe(204);
  expect((await req('GET', `/containers/${fixed.id}/json`)).json().NetworkSettings.Networks.ranged.IPAddress).toBe('10.77.0.5');

  const create = async (NetworkMode: string, ip: string) => {
    const r = await req('POST', '/containers/create', { Image: 'busybox', HostConfig: { NetworkMode }, NetworkingConfig: { EndpointsConfig: { [NetworkMode]: { IPAMConfig: { IPv4Address: ip } } } } });
    return [r.statusCode, r.json().message];
  };
  expect(await create('bridge', '172.30.0.9')).toEqual([400, 'user specified IP address is supported on user defined networks only']);
  await req('POST', '/networks/create', { Name: 'pooled' });
  expect(await create('pooled', '10.223.0.9')).toEqual([400, 'user specified IP address is supported only when connecting to networks with user configured subnets']);
  expect(await create('ranged', 'bad')).toEqual([400, 'invalid IPv4 address: bad']);
});

it('refuses unknown networks and aliases on the default bridge', async () => {
  const unknown = await req('POST', '/containers/create', { Image: 'busybox', HostConfig: { NetworkMode: 'nope' } });
  expect([unknown.statusCode, unknown.json().message]).toEqual([404, 'network nope not found']);
  const alias = await req('POST', '/containers/create', { Image: 'busybox', NetworkingConfig: { EndpointsConfig: { bridge: { Aliases: ['x'] } } } });
  expect([alias.statusCode, alias.json().message]).toEqual([400, 'network-scoped alias is supported only for containers in user defined networks']);
});

it('publishes ports as DNAT rules at start, refuses a taken one with a 500, and drops them at exit', async () => {
  const body = (port: string) => ({ Image: 'busybox', Cmd: ['sleep', '1'], ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: port }] } } });
  // The rule is not there yet: iptables -C fails.
  runner.fail(/ -C SKIFF-DNAT /, 'Bad rule (does a matching rule exist in that chain?)');
  const id = (await req('POST', '/containers/create', body('8080'))).json().Id as string;
  expect((await req('POST', `/containers/${id}/start`)).statusCode).toBe(204);
  const inspect = (await req('GET', `/containers/${id}/json`)).json();
  expect(inspect.NetworkSettings.Ports).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
  expect(inspect.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
  const rule = `-d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination ${inspect.NetworkSettings.IPAddress}:80`;
  expect(runner.calls).toContain(`iptables -w -t nat -A SKIFF-DNAT ${rule}`);
  const list = (await req('GET', '/containers/json')).json();
  expect(list[0].Ports).toEqual([{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]);

  const other = (await req('POST', '/containers/create', body('8080'))).json().Id as string;
  const clash = await req('POST', `/containers/${other}/start`);
  expect([clash.statusCode, clash.json().message]).toEqual([500, 'Bind for 127.0.0.1:8080 failed: port is already allocated']);

  d.port.exit(id, 0);
  await new Promise((r) => setTimeout(r, 50));
  expect(runner.calls).toContain(`iptables -w -t nat -D SKIFF-DNAT ${rule}`);
  expect((await req('GET', `/containers/${id}/json`)).json().NetworkSettings.Ports).toEqual({});
});
