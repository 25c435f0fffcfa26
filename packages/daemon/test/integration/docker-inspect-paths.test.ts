// ResolvConfPath, HostnamePath and HostsPath in `docker inspect`: the files the container sees as
// /etc/resolv.conf, /etc/hostname and /etc/hosts; a container sharing another's network
// (container:<x>) names that one's files.
import * as fs from 'node:fs';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker inspect: name resolution file paths', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const paths = async (ref: string) => {
    const { ResolvConfPath, HostnamePath, HostsPath } = JSON.parse(await h.dockerOk(['inspect', '--format', '{{json .}}', ref])) as Record<string, string>;
    return { ResolvConfPath, HostnamePath, HostsPath };
  };

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it('name the files mounted in the container', async () => {
    const id = await h.dockerOk(['run', '-d', '--name', 'paths-owner', '--hostname', 'owner-host', 'busybox', 'sleep', '1000']);
    const started = await paths(id);
    expect(started.HostnamePath).toMatch(new RegExp(`/containers/${id}/hostname$`));
    expect(started.HostsPath).toMatch(new RegExp(`/containers/${id}/hosts$`));
    expect(started.ResolvConfPath).toMatch(new RegExp(`/containers/${id}/resolv.conf$`));
    expect(fs.readFileSync(started.HostnamePath, 'utf8')).toBe(`${await h.dockerOk(['exec', id, 'cat', '/etc/hostname'])}\n`);
    expect(fs.readFileSync(started.HostsPath, 'utf8').trim()).toBe(await h.dockerOk(['exec', id, 'cat', '/etc/hosts']));
    expect(fs.readFileSync(started.ResolvConfPath, 'utf8').trim()).toBe(await h.dockerOk(['exec', id, 'cat', '/etc/resolv.conf']));

    const guest = await h.dockerOk(['run', '-d', '--network', 'container:paths-owner', 'busybox', 'sleep', '1000']);
    expect(await paths(guest)).toEqual(started);

    // Kept after the exit, as the files are.
    await h.dockerOk(['rm', '-f', guest]);
    await h.dockerOk(['stop', '-t', '0', id]);
    expect(await paths(id)).toEqual(started);
    await h.dockerOk(['rm', id]);
  });
});
