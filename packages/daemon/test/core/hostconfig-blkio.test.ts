// Block I/O weights and real-time CPU fields the kernel cannot apply are dropped with dockerd's
// warnings, before the range checks, as dockerd's verifyPlatformContainerResources does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkHostConfig, discardUnsupported } from '../../src/core/hostconfig';
import { blkioWeightSupport, cpuRealtimeSupport } from '../../src/core/system';

/** Kernel support as given; a question discardUnsupported asks is counted in `asked`. */
function support(weight: boolean, weightDevice: boolean, realtime: boolean, asked: string[] = []) {
  return {
    blkio: () => (asked.push('blkio'), { weight, weightDevice }),
    realtime: () => (asked.push('realtime'), realtime),
  };
}

const WEIGHT_WARNING = 'Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.';
const DEVICE_WARNING = 'Your kernel does not support Block I/O weight_device or the cgroup is not mounted. Weight-device discarded.';

describe('discardUnsupported', () => {
  it('drops weights the kernel lacks, with a warning each, and keeps them where it has them', () => {
    const hc = { BlkioWeight: 300, BlkioWeightDevice: [{ Path: '/dev/vda', Weight: 200 }] };
    expect(discardUnsupported(hc, support(false, false, true))).toEqual([WEIGHT_WARNING, DEVICE_WARNING]);
    expect(hc).toEqual({ BlkioWeight: 0, BlkioWeightDevice: [] });
    const kept = { BlkioWeight: 300, BlkioWeightDevice: [{ Path: '/dev/vda', Weight: 200 }] };
    expect(discardUnsupported(kept, support(true, true, true))).toEqual([]);
    expect(kept.BlkioWeight).toBe(300);
  });

  it('asks the kernel only about the fields a container sets, each once', () => {
    const asked: string[] = [];
    expect(discardUnsupported({ CpuRealtimePeriod: 1_000_000, CpuRealtimeRuntime: 10_000 }, support(true, true, true, asked))).toEqual([]);
    expect(asked).toEqual(['realtime']);
    asked.length = 0;
    discardUnsupported({ BlkioWeight: 300, BlkioWeightDevice: [{ Path: '/dev/vda', Weight: 200 }] }, support(true, true, true, asked));
    expect(asked).toEqual(['blkio']);
    asked.length = 0;
    discardUnsupported({ Memory: 64 * 1024 * 1024 }, support(true, true, true, asked));
    expect(asked).toEqual([]);
  });

  it('drops an out-of-range weight before it could be refused', () => {
    const hc = { BlkioWeight: 5 };
    expect(discardUnsupported(hc, support(false, false, true))).toEqual([WEIGHT_WARNING]);
    expect(() => checkHostConfig(hc)).not.toThrow();
    expect(() => checkHostConfig({ BlkioWeight: 5 })).toThrow('Range of blkio weight is from 10 to 1000');
  });
});

describe('real-time CPU fields', () => {
  it('are dropped with dockerd\'s warnings where the kernel has no real-time group scheduling', () => {
    const hc = { CpuRealtimePeriod: 1_000_000, CpuRealtimeRuntime: 10_000 };
    expect(discardUnsupported(hc, support(true, true, false))).toEqual([
      'Your kernel does not support cgroup cpu real-time period. Period discarded.',
      'Your kernel does not support cgroup cpu real-time runtime. Runtime discarded.',
    ]);
    expect(hc).toEqual({ CpuRealtimePeriod: 0, CpuRealtimeRuntime: 0 });
  });

  it('refuse a runtime above the period', () => {
    expect(() => checkHostConfig({ CpuRealtimePeriod: 1000, CpuRealtimeRuntime: 2000 })).toThrow('cpu real-time runtime cannot be higher than cpu real-time period');
    expect(() => checkHostConfig({ CpuRealtimeRuntime: 2000 })).not.toThrow();
  });
});

describe('blkioWeightSupport', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-blkio-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('v1: the weight files of CFQ at the root; else those a new child cgroup gets (BFQ\'s), the probe removed', () => {
    fs.mkdirSync(path.join(root, 'blkio'));
    expect(blkioWeightSupport(root)).toEqual({ weight: false, weightDevice: false });
    expect(fs.readdirSync(path.join(root, 'blkio'))).toEqual([]);
    fs.writeFileSync(path.join(root, 'blkio', 'blkio.weight'), '');
    fs.writeFileSync(path.join(root, 'blkio', 'blkio.weight_device'), '');
    expect(blkioWeightSupport(root)).toEqual({ weight: true, weightDevice: true });
  });

  it('real-time scheduling: cgroup v1\'s cpu.rt_runtime_us; never on v2', () => {
    fs.mkdirSync(path.join(root, 'cpu'));
    expect(cpuRealtimeSupport(root)).toBe(false);
    fs.writeFileSync(path.join(root, 'cpu', 'cpu.rt_runtime_us'), '');
    expect(cpuRealtimeSupport(root)).toBe(true);
    fs.writeFileSync(path.join(root, 'cgroup.controllers'), 'cpu\n');
    expect(cpuRealtimeSupport(root)).toBe(false);
  });

  it('v2: the io controller', () => {
    fs.writeFileSync(path.join(root, 'cgroup.controllers'), 'cpu memory pids\n');
    expect(blkioWeightSupport(root)).toEqual({ weight: false, weightDevice: false });
    fs.writeFileSync(path.join(root, 'cgroup.controllers'), 'cpu io memory pids\n');
    expect(blkioWeightSupport(root)).toEqual({ weight: true, weightDevice: true });
  });
});
