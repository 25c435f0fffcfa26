import { z } from 'zod';
import { issuesError, parseWith } from './issues';
import {
  AnnotationsSchema,
  CapabilityNameSchema,
  LinuxNamespaceTypeSchema,
  SeccompActionSchema,
  SeccompArchSchema,
  SeccompFlagSchema,
  SeccompOperatorSchema,
  hookNames,
  knownCapabilities,
  ociVersionMax,
  ociVersionMin,
  seccompActions,
  seccompFlags,
  seccompOperators,
  type LinuxNamespaceType,
} from './runtime-config';

const enabled = z.looseObject({ enabled: z.boolean().optional() });

/** The document `features` prints (runtime-spec features.md), so a caller can learn what a runtime supports. */
export const RuntimeFeaturesSchema = z.looseObject({
  ociVersionMin: z.string(),
  ociVersionMax: z.string(),
  hooks: z.array(z.string()).optional(),
  mountOptions: z.array(z.string()).optional(),
  annotations: AnnotationsSchema.optional(),
  potentiallyUnsafeConfigAnnotations: z.array(z.string()).optional(),
  linux: z
    .looseObject({
      namespaces: z.array(LinuxNamespaceTypeSchema).optional(),
      capabilities: z.array(CapabilityNameSchema).optional(),
      cgroup: z
        .looseObject({
          v1: z.boolean().optional(),
          v2: z.boolean().optional(),
          systemd: z.boolean().optional(),
          systemdUser: z.boolean().optional(),
          rdma: z.boolean().optional(),
        })
        .optional(),
      seccomp: z
        .looseObject({
          enabled: z.boolean().optional(),
          actions: z.array(SeccompActionSchema).optional(),
          operators: z.array(SeccompOperatorSchema).optional(),
          archs: z.array(SeccompArchSchema).optional(),
          knownFlags: z.array(SeccompFlagSchema).optional(),
          supportedFlags: z.array(SeccompFlagSchema).optional(),
        })
        .optional(),
      apparmor: enabled.optional(),
      selinux: enabled.optional(),
      intelRdt: enabled.optional(),
      mountExtensions: z.looseObject({ idmap: enabled.optional() }).optional(),
      netDevices: enabled.optional(),
    })
    .optional(),
});

export type RuntimeFeatures = z.infer<typeof RuntimeFeaturesSchema>;

/**
 * The mount options runc 1.1 understands: mount(8) flags, their recursive "r" forms, propagation
 * modes, and runc's own "tmpcopyup".
 */
export const defaultMountOptions = [
  'acl', 'async', 'atime', 'bind', 'defaults', 'dev', 'diratime', 'dirsync', 'exec', 'iversion',
  'lazytime', 'loud', 'mand', 'noacl', 'noatime', 'nodev', 'nodiratime', 'noexec', 'noiversion',
  'nolazytime', 'nomand', 'norelatime', 'nostrictatime', 'nosuid', 'nosymfollow', 'private',
  'ratime', 'rbind', 'rdev', 'rdiratime', 'relatime', 'remount', 'rexec', 'rnoatime', 'rnodev',
  'rnodiratime', 'rnoexec', 'rnorelatime', 'rnostrictatime', 'rnosuid', 'rnosymfollow', 'ro',
  'rprivate', 'rrelatime', 'rro', 'rrw', 'rshared', 'rslave', 'rstrictatime', 'rsuid', 'rsymfollow',
  'runbindable', 'rw', 'shared', 'silent', 'slave', 'strictatime', 'suid', 'symfollow', 'sync',
  'tmpcopyup', 'unbindable',
] as const;

/** The namespaces runc 1.1 can create or join; it has no time namespace support. */
export const defaultNamespaces: readonly LinuxNamespaceType[] = ['cgroup', 'ipc', 'mount', 'network', 'pid', 'user', 'uts'];

/**
 * What a runtime build and its host support. Names are plain strings so a runtime can pass the
 * tables it compiles from; runtimeFeatures checks them against the spec's names.
 */
export interface RuntimeFeatureOptions {
  /** Absent when the runtime cannot install seccomp filters at all. */
  seccomp?: {
    archs: readonly string[];
    /** Every action and operator of the spec unless given. */
    actions?: readonly string[];
    operators?: readonly string[];
    /** Every filter flag of the spec unless given. */
    knownFlags?: readonly string[];
    /** Flags the runtime will actually pass to the kernel; none unless given. */
    supportedFlags?: readonly string[];
  };
  /** Both hierarchies unless given: Skiff's runtime drives cgroup v1 and v2 directly. */
  cgroup?: { v1: boolean; v2: boolean };
  namespaces?: readonly LinuxNamespaceType[];
  mountOptions?: readonly string[];
  /** Runtime-specific facts, e.g. its version and commit. */
  annotations?: Record<string, string>;
}

/**
 * The features document for a runtime. The caller supplies what depends on the build and the host;
 * the fixed parts state what Skiff does not do (systemd cgroups, AppArmor, SELinux, Intel RDT,
 * idmapped mounts). A name outside the spec's vocabulary is a bug in the caller: InvalidArgument.
 */
export function runtimeFeatures(options: RuntimeFeatureOptions = {}): RuntimeFeatures {
  const { seccomp } = options;
  const document = {
    ociVersionMin,
    ociVersionMax,
    hooks: [...hookNames],
    mountOptions: [...(options.mountOptions ?? defaultMountOptions)],
    linux: {
      namespaces: [...(options.namespaces ?? defaultNamespaces)],
      capabilities: [...knownCapabilities],
      cgroup: { ...(options.cgroup ?? { v1: true, v2: true }), systemd: false, systemdUser: false },
      seccomp: seccomp
        ? {
            enabled: true,
            actions: [...(seccomp.actions ?? seccompActions)],
            operators: [...(seccomp.operators ?? seccompOperators)],
            archs: [...seccomp.archs],
            knownFlags: [...(seccomp.knownFlags ?? seccompFlags)],
            supportedFlags: [...(seccomp.supportedFlags ?? [])],
          }
        : { enabled: false },
      apparmor: { enabled: false },
      selinux: { enabled: false },
      intelRdt: { enabled: false },
      mountExtensions: { idmap: { enabled: false } },
    },
    ...(options.annotations ? { annotations: { ...options.annotations } } : {}),
  };
  const parsed = parseWith(RuntimeFeaturesSchema, document);
  if (!parsed.ok) throw issuesError('features', parsed.issues);
  return parsed.value;
}
