import type { VersionHandlers } from '@skiff/protos/generated/skiff/containerd/services/version/v1/Version';
import { z } from 'zod';
import { revision, version } from '../version';
import { unary } from './unary';

export function versionService(): VersionHandlers {
  return { Version: unary(z.object({}), () => ({ version, revision })) } as VersionHandlers;
}
