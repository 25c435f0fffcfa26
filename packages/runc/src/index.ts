// The library API skiff-shim embeds in-process; the skiff-runc CLI is a thin layer over it.
export { Runtime } from './lib/runtime';
export type { ContainerState, ContainerStatus, CreateOptions, ExecOptions, RuntimeOptions, StdioFds } from './lib/runtime';
export { waitForChildExit } from './lib/exit-watch';
export { ConsoleSocket, realSyscalls } from './sys/koffi';
export type { Syscalls } from './sys/syscalls';
export { SysError, exitStatusOf, signaledBy } from './sys/syscalls';
export { compileSeccomp } from './seccomp';
export { cgroupManagerOfProcess, detectLayout, newCgroupManager, loadCgroupManager } from './cgroups';
export { parseMountOptions } from './lib/mount-options';
export type { ParsedMountOptions } from './lib/mount-options';
export type { CgroupManager } from './cgroups';
