// IPAM with the real docker CLI: --ip-range and --aux-address at network create, `--ip` at run,
// and SandboxKey, the path tools enter the container's network namespace by.
import { execFileSync } from 'node:child_process';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker network IPAM against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const net = `ipam${process.pid}`;
  // A part of this harness's own /24 that its address pool hands out last.
  const base = h.pool.replace(/\.0\/24$/, '');
  const subnet = `${base}.128/26`;

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it('addresses come from the IP range, past the aux address; --ip gets exactly that address, once', async () => {
    await h.dockerOk(['network', 'create', '--subnet', subnet, '--ip-range', `${base}.160/27`, '--aux-address', `reserved=${base}.161`, net]);
    expect(JSON.parse(await h.dockerOk(['network', 'inspect', '--format', '{{json .IPAM.Config}}', net]))).toEqual([
      { Subnet: subnet, IPRange: `${base}.160/27`, Gateway: `${base}.160`, AuxiliaryAddresses: { reserved: `${base}.161` } },
    ]);

    const id = await h.dockerOk(['run', '-d', '--name', 'fixed', '--network', net, '--ip', `${base}.140`, 'busybox', 'sleep', '1000']);
    expect(await h.dockerOk(['exec', 'fixed', 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"])).toBe(`${base}.140/26`);
    const sandbox = await h.dockerOk(['inspect', '--format', '{{.NetworkSettings.SandboxKey}}', id]);
    expect(sandbox).not.toBe('');
    expect(execFileSync('nsenter', [`--net=${sandbox}`, 'ip', '-4', '-o', 'addr', 'show', 'eth0'], { encoding: 'utf8' })).toContain(`${base}.140/26`);
    expect(await h.dockerOk(['inspect', '--format', '{{json .NetworkSettings.Networks}}', id])).toContain(`"IPAMConfig":{"IPv4Address":"${base}.140"}`);

    expect(await h.dockerOk(['run', '--rm', '--network', net, 'busybox', 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"])).toBe(`${base}.162/26`);

    const taken = await h.docker(['run', '--rm', '--network', net, '--ip', `${base}.140`, 'busybox', 'true']);
    expect(taken.code).toBe(125);
    expect(taken.stderr).toContain('Address already in use');
    const onDefault = await h.docker(['run', '--rm', '--ip', `${base}.141`, 'busybox', 'true']);
    expect(onDefault.code).toBe(125);
    expect(onDefault.stderr).toContain('user specified IP address is supported on user defined networks only');

    // The address is the container's across a restart.
    await h.dockerOk(['restart', '-t', '0', 'fixed']);
    expect(await h.dockerOk(['exec', 'fixed', 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"])).toBe(`${base}.140/26`);
    await h.dockerOk(['rm', '-f', 'fixed']);
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.docker(['rm', '-f', ...left]);
    await h.dockerOk(['network', 'rm', net]);
  });
});
