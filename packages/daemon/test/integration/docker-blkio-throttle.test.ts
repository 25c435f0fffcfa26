// --device-read-bps/--device-write-bps/--device-read-iops/--device-write-iops and
// --blkio-weight-device with the docker CLI against skiffd: the container's blkio cgroup gets each
// device's limit or weight (the device named by its
// path, resolved to its numbers as dockerd does), inspect shows the lists, and a path that is not
// there is refused at create, leaving no container.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blkioWeightSupport } from '../../src/core/system';
import { describeWithSkiffd } from '../helpers/skiffd';

/** The throttle files are v1's; on v2 the same limits are one io.max line. */
const blkioV1 = fs.existsSync('/sys/fs/cgroup/blkio/blkio.throttle.read_bps_device');

/** A device's numbers as the kernel prints them ("254:0"). */
const numbersOf = (st: fs.Stats) => `${Math.floor(st.rdev / 256) & 0xfff}:${(st.rdev & 0xff) | (Math.floor(st.rdev / 4096) & 0xfff00)}`;

/** A block device of this host, and its numbers. */
function blockDevice(): { path: string; numbers: string } | undefined {
  for (const name of fs.readdirSync('/dev')) {
    const file = path.join('/dev', name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st?.isBlockDevice()) return { path: file, numbers: numbersOf(st) };
  }
  return undefined;
}

const device = blockDevice();

/** A loop device with no backing file whose scheduler can be BFQ, with its scheduler now. */
function bfqCapableLoop(): { dev: string; numbers: string; schedulerFile: string; was: string } | undefined {
  for (let i = 7; i >= 0; i--) {
    const schedulerFile = `/sys/block/loop${i}/queue/scheduler`;
    const dev = `/dev/loop${i}`;
    if (!fs.existsSync(schedulerFile) || !fs.existsSync(dev) || fs.existsSync(`/sys/block/loop${i}/loop/backing_file`)) continue;
    const schedulers = fs.readFileSync(schedulerFile, 'utf8');
    const was = /\[(\S+)\]/.exec(schedulers)?.[1];
    if (!was || !/\bbfq\b/.test(schedulers)) continue;
    return { dev, numbers: numbersOf(fs.statSync(dev)), schedulerFile, was };
  }
  return undefined;
}

describeWithSkiffd('docker run --device-{read,write}-{bps,iops}, --blkio-weight-device against skiffd', (h) => {
  (blkioV1 && device ? it : it.skip)('the blkio cgroup of the container gets each limit', async () => {
    const { path: dev, numbers } = device!;
    const files = ['read_bps_device', 'write_bps_device', 'read_iops_device', 'write_iops_device'].map((f) => `/sys/fs/cgroup/blkio/blkio.throttle.${f}`);
    const out = await h.dockerOk([
      'run', '--rm',
      '--device-read-bps', `${dev}:1mb`, '--device-write-bps', `${dev}:512kb`,
      '--device-read-iops', `${dev}:100`, '--device-write-iops', `${dev}:50`,
      'busybox', 'cat', ...files,
    ]);
    expect(out.split('\n')).toEqual([`${numbers} 1048576`, `${numbers} 524288`, `${numbers} 100`, `${numbers} 50`]);
  });

  it('--blkio-weight: in the blkio cgroup where the kernel takes weights, else dropped with dockerd\'s warning', async () => {
    const script = 'cat /sys/fs/cgroup/blkio/blkio.weight 2>/dev/null || cat /sys/fs/cgroup/blkio/blkio.bfq.weight 2>/dev/null || cat /sys/fs/cgroup/io.weight 2>/dev/null || true';
    const r = await h.docker(['run', '--rm', '--blkio-weight', '300', 'busybox', 'sh', '-c', script]);
    expect(r.code).toBe(0);
    if (blkioWeightSupport().weight) expect(r.stdout).toMatch(/\b300\b/);
    else expect(r.stderr).toContain('Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.');
  });

  // A per-device weight needs the device to be scheduled by BFQ (the only proportional scheduler
  // since Linux 5.0; the kernel refuses it otherwise, for runc too): the test switches an unused
  // loop device to BFQ for its duration and puts its scheduler back.
  const loop = blkioV1 ? bfqCapableLoop() : undefined;
  (loop ? it : it.skip)('--blkio-weight-device: the device\'s weight in the blkio cgroup', async () => {
    const { dev, numbers, schedulerFile, was } = loop!;
    fs.writeFileSync(schedulerFile, 'bfq');
    try {
      const script = 'cat /sys/fs/cgroup/blkio/blkio.weight_device 2>/dev/null || cat /sys/fs/cgroup/blkio/blkio.bfq.weight_device';
      const out = await h.dockerOk(['run', '--rm', '--blkio-weight-device', `${dev}:300`, 'busybox', 'sh', '-c', script]);
      expect(out.split('\n')).toContain(`${numbers} 300`);
    } finally {
      fs.writeFileSync(schedulerFile, was);
    }
  });

  (device ? it : it.skip)('inspect shows the lists as given', async () => {
    const id = await h.dockerOk(['create', '--device-read-bps', `${device!.path}:1mb`, '--device-write-iops', `${device!.path}:7`, 'busybox', 'true']);
    const format = '{{json .HostConfig.BlkioDeviceReadBps}} {{json .HostConfig.BlkioDeviceWriteIOps}} {{json .HostConfig.BlkioDeviceWriteBps}} {{json .HostConfig.BlkioWeightDevice}}';
    expect(await h.dockerOk(['inspect', '-f', format, id])).toBe(`[{"Path":"${device!.path}","Rate":1048576}] [{"Path":"${device!.path}","Rate":7}] [] []`);
    await h.dockerOk(['rm', id]);
  });

  // dockerd finds it at start, when it writes the runtime spec; skiffd writes it at create.
  it('a device path that is not there is refused at create and leaves no container', async () => {
    const before = await h.dockerOk(['ps', '-aq']);
    const r = await h.docker(['run', '--device-read-bps', '/dev/skiff-no-such-device:1mb', 'busybox', 'true']);
    // The docker CLI exits 127 for a "no such file or directory" from the daemon, as it does with dockerd.
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('stat /dev/skiff-no-such-device: no such file or directory');
    expect(await h.dockerOk(['ps', '-aq'])).toBe(before);
  });
});
