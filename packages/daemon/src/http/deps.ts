import type { ContainerService } from '../core/containers';
import type { EventBus } from '../core/events';
import type { ExecService } from '../core/exec';
import type { ImageService } from '../core/image-service';
import type { HostFacts } from '../core/system';

/** What the routes are given: the core, and a few facts for /info and /version. */
export interface ApiDeps {
  containers: ContainerService;
  images: ImageService;
  execs: ExecService;
  events: EventBus;
  facts: HostFacts;
  dataRoot: string;
  countImages(): Promise<number>;
  /** skiff-containerd's version, or "" when it does not answer. */
  containerdVersion(): Promise<string>;
}
