// skiffd's built-in seccomp profile, in Docker's profile format so that it goes through the same
// conversion as a user's profile (core/seccomp.ts). It is a deny list, not Docker's allow list:
// everything is allowed but the calls Docker's documentation names as blocked by its default
// profile, each unblocked when the container holds the capability the kernel would require for
// it anyway. The calls no capability unblocks are those on kernel state that is not namespaced
// (keyrings, io_uring, userfaultfd) or obsolete interfaces.

/** A rule in Docker's profile format (the converter checks the whole profile with its schema). */
interface DockerSyscallInput {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: Array<{ index: number; value: number; valueTwo: number; op: string }>;
  includes?: { arches?: string[]; caps?: string[] };
  excludes?: { arches?: string[]; caps?: string[] };
}

const EPERM = 1;
const ENOSYS = 38;

/** Go's names of the architectures whose tables have the 32-bit x86 legacy calls. */
const X86_FAMILY = ['amd64', '386'];

const deny = (names: string[], unlessCaps: string[] = []): DockerSyscallInput => ({
  names,
  action: 'SCMP_ACT_ERRNO',
  errnoRet: EPERM,
  ...(unlessCaps.length ? { excludes: { caps: unlessCaps } } : {}),
});

/** The same, only where the x86 family's legacy calls exist (other tables lack them, and runtimes would warn). */
const denyOnX86 = (names: string[], unlessCaps: string[] = []): DockerSyscallInput => ({
  ...deny(names, unlessCaps),
  includes: { arches: X86_FAMILY },
});

/** Every CLONE_NEW* flag clone(2) takes (CLONE_NEWTIME only exists for clone3 and unshare). */
const CLONE_NAMESPACE_FLAGS = [0x0002_0000, 0x0200_0000, 0x0400_0000, 0x0800_0000, 0x1000_0000, 0x2000_0000, 0x4000_0000];

/**
 * clone with any namespace flag: one rule per flag, as a rule's conditions must all hold and a
 * masked compare only tests equality. s390 passes the flags second (its stack pointer first).
 */
function denyNamespaceClone(): DockerSyscallInput[] {
  const s390 = ['s390', 's390x'];
  const placements: Array<Pick<DockerSyscallInput, 'includes' | 'excludes'> & { index: number }> = [
    { index: 0, excludes: { caps: ['CAP_SYS_ADMIN'], arches: s390 } },
    { index: 1, includes: { arches: s390 }, excludes: { caps: ['CAP_SYS_ADMIN'] } },
  ];
  return placements.flatMap(({ index, ...where }) =>
    CLONE_NAMESPACE_FLAGS.map((flag) => ({
      names: ['clone'],
      action: 'SCMP_ACT_ERRNO',
      errnoRet: EPERM,
      args: [{ index, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
      ...where,
    })),
  );
}

export const BUILTIN_SECCOMP_PROFILE = {
  defaultAction: 'SCMP_ACT_ALLOW',
  // 32-bit and x32 programs stay allowed on x86_64, under the same rules. No 32-bit ARM on
  // aarch64: skiff-runc has no table for it, and would refuse the whole filter.
  archMap: [
    { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
    { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: [] },
  ],
  syscalls: [
    // Kernel state shared by every container, whatever its capabilities.
    deny(['add_key', 'keyctl', 'request_key', 'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'userfaultfd', 'nfsservctl']),
    denyOnX86(['sysfs', '_sysctl', 'uselib', 'ustat', 'vm86', 'vm86old']),
    // Mounts, namespaces and other CAP_SYS_ADMIN matters (the new mount API with mount itself).
    deny(
      ['mount', 'umount2', 'pivot_root', 'unshare', 'setns', 'quotactl', 'quotactl_fd', 'swapon', 'swapoff', 'name_to_handle_at', 'lookup_dcookie',
        'fsopen', 'fsconfig', 'fsmount', 'fspick', 'move_mount', 'open_tree', 'mount_setattr'],
      ['CAP_SYS_ADMIN'],
    ),
    denyOnX86(['umount'], ['CAP_SYS_ADMIN']),
    ...denyNamespaceClone(),
    // ENOSYS, not EPERM: libc then falls back to clone, whose flags the rules above can see.
    { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, excludes: { caps: ['CAP_SYS_ADMIN'] } },
    deny(['bpf'], ['CAP_BPF', 'CAP_SYS_ADMIN']),
    deny(['perf_event_open'], ['CAP_PERFMON', 'CAP_SYS_ADMIN']),
    deny(['syslog'], ['CAP_SYSLOG', 'CAP_SYS_ADMIN']),
    deny(['open_by_handle_at'], ['CAP_DAC_READ_SEARCH']),
    deny(['ptrace', 'process_vm_readv', 'process_vm_writev', 'kcmp'], ['CAP_SYS_PTRACE']),
    deny(['init_module', 'finit_module', 'delete_module'], ['CAP_SYS_MODULE']),
    denyOnX86(['create_module', 'get_kernel_syms', 'query_module'], ['CAP_SYS_MODULE']),
    deny(['settimeofday', 'clock_settime', 'clock_adjtime'], ['CAP_SYS_TIME']),
    denyOnX86(['stime', 'clock_settime64', 'clock_adjtime64'], ['CAP_SYS_TIME']),
    deny(['reboot', 'kexec_load', 'kexec_file_load'], ['CAP_SYS_BOOT']),
    denyOnX86(['iopl', 'ioperm'], ['CAP_SYS_RAWIO']),
    deny(['mbind', 'set_mempolicy', 'get_mempolicy', 'move_pages'], ['CAP_SYS_NICE']),
    deny(['acct'], ['CAP_SYS_PACCT']),
  ],
};
