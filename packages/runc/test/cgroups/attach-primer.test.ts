import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { attachPrimerFile, primeAttachLock } from '../../src/cgroups/attach-primer';
import { detectLayout } from '../../src/cgroups';

describe('attachPrimerFile', () => {
  const hybrid = { version: 1 as const, root: '/sys/fs/cgroup', v1Mounts: { cpu: '/sys/fs/cgroup/cpu,cpuacct', pids: '/sys/fs/cgroup/pids' }, unified: '/sys/fs/cgroup/unified' };

  it("names this process's own cgroup: pids on v1, else the first hierarchy; the unified tree on v2", () => {
    expect(attachPrimerFile(hybrid, { pids: '/user.slice', cpu: '/' })).toBe('/sys/fs/cgroup/pids/user.slice/cgroup.procs');
    expect(attachPrimerFile({ ...hybrid, v1Mounts: { cpu: '/sys/fs/cgroup/cpu,cpuacct' } }, { cpu: '/a' })).toBe('/sys/fs/cgroup/cpu,cpuacct/a/cgroup.procs');
    expect(attachPrimerFile({ version: 2, root: '/sys/fs/cgroup' }, { '': '/system.slice/x.service' })).toBe('/sys/fs/cgroup/system.slice/x.service/cgroup.procs');
  });

  it('names nothing when the own cgroup is unknown', () => {
    expect(attachPrimerFile(hybrid, {})).toBeUndefined();
    expect(attachPrimerFile({ version: 1, root: '/sys/fs/cgroup', v1Mounts: {} }, { pids: '/' })).toBeUndefined();
    expect(attachPrimerFile({ version: 2, root: '/sys/fs/cgroup' }, { pids: '/' })).toBeUndefined();
  });
});

describe('primeAttachLock', () => {
  const onHost = process.getuid?.() === 0 && fs.existsSync('/sys/fs/cgroup') ? it : it.skip;

  onHost('leaves this process where it is', async () => {
    const before = fs.readFileSync('/proc/self/cgroup', 'utf8');
    primeAttachLock(detectLayout());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.readFileSync('/proc/self/cgroup', 'utf8')).toBe(before);
  });

  it('writes nothing into a tree that is not a cgroup filesystem', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-primer-'));
    try {
      const procs = path.join(root, 'pids', 'cgroup.procs');
      fs.mkdirSync(path.dirname(procs));
      fs.writeFileSync(procs, '');
      const own = fs.readFileSync('/proc/self/cgroup', 'utf8').match(/^\d+:pids:(.*)$/m)?.[1];
      if (own && own !== '/') {
        fs.mkdirSync(path.join(root, 'pids', own), { recursive: true });
        fs.writeFileSync(path.join(root, 'pids', own, 'cgroup.procs'), '');
      }
      primeAttachLock({ version: 1, root, v1Mounts: { pids: path.join(root, 'pids') } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fs.readFileSync(path.join(root, 'pids', own ?? '/', 'cgroup.procs'), 'utf8')).toBe('');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
