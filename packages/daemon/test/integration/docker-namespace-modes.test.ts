// --pid, --ipc and --uts with the docker CLI against skiffd: the host's namespaces when asked,
// the container's own otherwise, dockerd's errors for bad values, and inspect shows the modes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { describeWithSkiffd, until } from '../helpers/skiffd';

describeWithSkiffd('docker run --pid/--ipc/--uts against skiffd', (h) => {
  const hostNs = (type: string) => fs.readlinkSync(`/proc/self/ns/${type}`);

  it('the host\'s PID, IPC and UTS namespaces with host, the container\'s own by default', async () => {
    const script = 'for ns in pid ipc uts; do readlink /proc/self/ns/$ns; done; hostname';
    const shared = (await h.dockerOk(['run', '--rm', '--pid', 'host', '--ipc', 'host', '--uts', 'host', 'busybox', 'sh', '-c', script])).split('\n');
    expect(shared.slice(0, 4)).toEqual([hostNs('pid'), hostNs('ipc'), hostNs('uts'), os.hostname()]);
    const own = (await h.dockerOk(['run', '--rm', '--hostname', 'box', 'busybox', 'sh', '-c', script])).split('\n');
    expect(own[0]).not.toBe(hostNs('pid'));
    expect(own[1]).not.toBe(hostNs('ipc'));
    expect(own[2]).not.toBe(hostNs('uts'));
    expect(own[3]).toBe('box');
    // --ipc none: a private IPC namespace and no /dev/shm.
    expect(await h.dockerOk(['run', '--rm', '--ipc', 'none', 'busybox', 'sh', '-c', 'grep -c " /dev/shm " /proc/self/mounts || true'])).toBe('0');
  });

  it('inspect shows the modes; bad values and conflicts get dockerd\'s errors', async () => {
    await h.dockerOk(['create', '--name', 'modes', '--pid', 'host', '--ipc', 'shareable', '--uts', 'host', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '-f', '{{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} {{.HostConfig.UTSMode}}', 'modes'])).toBe('host shareable host');
    expect(await h.dockerOk(['inspect', '-f', '{{.HostConfig.PidMode}}|{{.HostConfig.IpcMode}}|{{.HostConfig.UTSMode}}', (await h.dockerOk(['create', 'busybox', 'true']))])).toBe('|private|');

    const userns = await h.dockerOk(['create', '--userns', 'host', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '-f', '{{.HostConfig.UsernsMode}}', userns])).toBe('host');
    const storage = await h.docker(['run', '--rm', '--storage-opt', 'size=1G', 'busybox', 'true']);
    expect([storage.code, storage.stderr]).toEqual([125, expect.stringContaining("--storage-opt is supported only for overlay over xfs with 'pquota' mount option")]);

    const badIpc = await h.docker(['run', '--rm', '--ipc', 'bogus', 'busybox', 'true']);
    expect([badIpc.code, badIpc.stderr]).toEqual([125, expect.stringContaining('invalid IPC mode: bogus')]);
    const conflict = await h.docker(['run', '--rm', '--uts', 'host', '--hostname', 'x', 'busybox', 'true']);
    expect([conflict.code, conflict.stderr]).toEqual([125, expect.stringContaining('conflicting options: hostname and the UTS mode')]);
    const modesId = await h.dockerOk(['inspect', '-f', '{{.Id}}', 'modes']);
    const notRunning = await h.docker(['run', '--rm', '--pid', 'container:modes', 'busybox', 'true']);
    expect([notRunning.code, notRunning.stderr]).toEqual([125, expect.stringContaining(`container ${modesId} is not running`)]);
    const missing = await h.request('POST', '/containers/create', { Image: 'busybox', HostConfig: { PidMode: 'container:nosuch' } });
    expect({ status: missing.status, body: JSON.parse(missing.body) }).toEqual({ status: 400, body: { message: 'No such container: nosuch' } });
    const ipcJoin = await h.docker(['run', '--rm', '--ipc', 'container:modes', 'busybox', 'true']);
    expect([ipcJoin.code, ipcJoin.stderr]).toEqual([125, expect.stringContaining(`can't join IPC of container ${modesId}: container ${modesId} is not running`)]);
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.dockerOk(['rm', '-f', ...left]);
  });
  it('--pid container:<x> joins the PID namespace of x as it runs at each start', async () => {
    await h.dockerOk(['run', '-d', '--name', 'pidsrc', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['create', '--name', 'pidjoin', '--pid', 'container:pidsrc', 'busybox', 'sh', '-c', 'readlink /proc/self/ns/pid; cat /proc/1/cmdline | tr "\\0" " "']);
    const srcPid = await h.dockerOk(['inspect', '-f', '{{.State.Pid}}', 'pidsrc']);
    const joined = async () => (await h.dockerOk(['start', '-a', 'pidjoin'])).split('\n');
    expect(await joined()).toEqual([fs.readlinkSync(`/proc/${srcPid}/ns/pid`), 'sleep 1000']);
    expect(await h.dockerOk(['inspect', '-f', '{{.HostConfig.PidMode}}', 'pidjoin'])).toBe('container:pidsrc');
    // Restarted, x has a new PID namespace, which the next start joins.
    await h.dockerOk(['restart', '-t', '0', 'pidsrc']);
    const newPid = await h.dockerOk(['inspect', '-f', '{{.State.Pid}}', 'pidsrc']);
    expect((await joined())[0]).toBe(fs.readlinkSync(`/proc/${newPid}/ns/pid`));
    await h.dockerOk(['rm', '-f', 'pidjoin', 'pidsrc']);
  });

  it('--ipc container:<x> joins the IPC namespace and /dev/shm of a shareable x; its tmpfs goes with its run', async () => {
    const sourceId = await h.dockerOk(['run', '-d', '--name', 'ipcsrc', '--ipc', 'shareable', '--shm-size', '8m', 'busybox', 'sh', '-c', 'echo shared > /dev/shm/marker; sleep 1000']);
    const srcPid = await h.dockerOk(['inspect', '-f', '{{.State.Pid}}', 'ipcsrc']);
    const script = 'readlink /proc/self/ns/ipc; cat /dev/shm/marker; df -k /dev/shm | tail -1 | awk "{print \\$2}"';
    const seen = await h.dockerOk(['run', '--rm', '--ipc', 'container:ipcsrc', 'busybox', 'sh', '-c', script]);
    expect(seen.split('\n')).toEqual([fs.readlinkSync(`/proc/${srcPid}/ns/ipc`), 'shared', String(8 * 1024)]);

    const privateId = await h.dockerOk(['run', '-d', '--name', 'ipcpriv', 'busybox', 'sleep', '1000']);
    const refused = await h.docker(['run', '--rm', '--ipc', 'container:ipcpriv', 'busybox', 'true']);
    expect([refused.code, refused.stderr]).toEqual([125, expect.stringContaining(`can't join IPC of container ${privateId}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)`)]);

    const mounted = () => fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(`/shm/${sourceId} `);
    expect(mounted()).toBe(true);
    await h.dockerOk(['rm', '-f', 'ipcsrc', 'ipcpriv']);
    expect(mounted()).toBe(false);
  });

  it('a shareable container that exits while skiffd is down: its tmpfs is unmounted once skiffd is back', async () => {
    const id = await h.dockerOk(['run', '-d', '--ipc', 'shareable', 'busybox', 'sh', '-c', 'sleep 1']);
    const mounted = () => fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(`/shm/${id} `);
    expect(mounted()).toBe(true);
    await h.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await h.start();
    await until(() => !mounted(), 15_000, 'the shareable container\'s tmpfs unmounted');
    expect(await h.dockerOk(['inspect', '-f', '{{.State.Status}}', id])).toBe('exited');
    await h.dockerOk(['rm', id]);
  });

  it('--cgroupns: a private cgroup namespace shows the container its cgroups as the root; the default is dockerd\'s for the host\'s cgroup version', async () => {
    const script = 'readlink /proc/self/ns/cgroup; grep -c ":/$" /proc/self/cgroup || true';
    const [privateNs, privateRoots] = (await h.dockerOk(['run', '--rm', '--cgroupns', 'private', 'busybox', 'sh', '-c', script])).split('\n');
    expect(privateNs).not.toBe(hostNs('cgroup'));
    expect(Number(privateRoots)).toBeGreaterThan(0);
    const [hostModeNs] = (await h.dockerOk(['run', '--rm', '--cgroupns', 'host', 'busybox', 'sh', '-c', script])).split('\n');
    expect(hostModeNs).toBe(hostNs('cgroup'));
    const v2 = fs.existsSync('/sys/fs/cgroup/cgroup.controllers');
    const id = await h.dockerOk(['create', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '-f', '{{.HostConfig.CgroupnsMode}}', id])).toBe(v2 ? 'private' : 'host');
    await h.dockerOk(['rm', id]);
    const bad = await h.request('POST', '/containers/create', { Image: 'busybox', Cmd: ['true'], HostConfig: { CgroupnsMode: 'bogus' } });
    expect({ status: bad.status, body: JSON.parse(bad.body) }).toEqual({ status: 400, body: { message: 'invalid cgroup namespace mode: bogus' } });
  });
});
