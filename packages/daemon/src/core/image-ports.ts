// What the images API needs from skiff-containerd beyond reading images: the Transfer service
// (pull, push, archives, rootfs import, commit) and writes to the image store. Kept apart from
// ContainerdPort so the container core does not grow an image surface it never uses.
import type { Platform } from '@skiff/engine-api';
import type { Readable } from 'node:stream';
import type { ContainerdPort, ImageRecord } from './ports';

/** Credentials from a client's X-Registry-Auth header. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identityToken?: string;
  registryToken?: string;
  serverAddress?: string;
}

/** One step of a transfer, as skiff-containerd words it (Docker's wording). */
export interface TransferProgress {
  id: string;
  status: string;
  current: number;
  total: number;
}

export interface ImageTransferPort extends Pick<ContainerdPort, 'getImage' | 'listImages' | 'readBlob'> {
  /** Pulls the platform's manifest of a multi-platform image (the host's when none is given). */
  pull(reference: string, auth: RegistryAuth | undefined, onProgress: (p: TransferProgress) => void, platform?: Platform): Promise<void>;
  push(name: string, auth: RegistryAuth | undefined, onProgress: (p: TransferProgress) => void): Promise<void>;
  /** A docker-archive tar of the named images. */
  exportArchive(names: string[]): Readable;
  importArchive(archive: Readable, onProgress: (p: TransferProgress) => void): Promise<void>;
  importRootfs(reference: string, configChanges: object, message: string, tarball: Readable): Promise<ImageRecord>;
  commit(containerId: string, reference: string, configChanges: object, author: string, comment: string, pause: boolean): Promise<ImageRecord>;
  /** Creates or replaces the record `name` pointing at target. */
  putImage(name: string, target: ImageRecord['target']): Promise<void>;
  /** Deletes the record; content no other image uses is collected. */
  deleteImage(name: string): Promise<void>;
}
