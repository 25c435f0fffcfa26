// --oom-score-adj, --oom-kill-disable and --memory-swappiness with the docker CLI against skiffd:
// the container's process and memory cgroup get them, inspect shows them, and values out of
// range get dockerd's errors (swappiness is checked by the docker CLI itself).
import * as fs from 'node:fs';
import { describeWithSkiffd } from '../helpers/skiffd';

/** On a v1 host the container sees its own memory cgroup's files. */
const memoryV1 = fs.existsSync('/sys/fs/cgroup/memory/memory.swappiness');

describeWithSkiffd('docker run --oom-score-adj, --oom-kill-disable, --memory-swappiness against skiffd', (h) => {
  it('the OOM score of the container\'s processes, 0 by default whatever the shim\'s', async () => {
    // A positive one: a negative score needs CAP_SYS_RESOURCE, which this VM's root lacks (Debian's runc fails alike).
    expect(await h.dockerOk(['run', '--rm', '--oom-score-adj', '500', 'busybox', 'cat', '/proc/self/oom_score_adj'])).toBe('500');
    expect(await h.dockerOk(['run', '--rm', 'busybox', 'cat', '/proc/self/oom_score_adj'])).toBe('0');
  });

  (memoryV1 ? it : it.skip)('swappiness and the OOM killer switch in the memory cgroup', async () => {
    const script = 'cat /sys/fs/cgroup/memory/memory.swappiness; grep oom_kill_disable /sys/fs/cgroup/memory/memory.oom_control';
    expect(await h.dockerOk(['run', '--rm', '-m', '64m', '--memory-swappiness', '10', '--oom-kill-disable', 'busybox', 'sh', '-c', script])).toBe('10\noom_kill_disable 1');
  });

  it('inspect shows them; unset swappiness is null', async () => {
    const format = '{{.HostConfig.OomScoreAdj}} {{json .HostConfig.MemorySwappiness}} {{.HostConfig.OomKillDisable}}';
    const set = await h.dockerOk(['create', '-m', '64m', '--oom-score-adj', '300', '--memory-swappiness', '0', '--oom-kill-disable', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '-f', format, set])).toBe('300 0 true');
    const unset = await h.dockerOk(['create', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '-f', format, unset])).toBe('0 null false');
    await h.dockerOk(['rm', set, unset]);
  });

  it('out-of-range values get dockerd\'s errors and leave no container', async () => {
    const before = await h.dockerOk(['ps', '-aq']);
    const score = await h.docker(['run', '--rm', '--oom-score-adj', '1001', 'busybox', 'true']);
    expect(score.code).toBe(125);
    expect(score.stderr).toContain('Invalid value 1001, range for oom score adj is [-1000, 1000]');
    const swappiness = await h.request('POST', '/containers/create', { Image: 'busybox', Cmd: ['true'], HostConfig: { MemorySwappiness: 101 } });
    expect({ status: swappiness.status, body: JSON.parse(swappiness.body) }).toEqual({ status: 400, body: { message: 'Invalid value: 101, valid memory swappiness range is 0-100' } });
    expect(await h.dockerOk(['ps', '-aq'])).toBe(before);
  });
});
