// The files of an image archive, shared by save and load.
//
// An OCI image layout (image-spec image-layout.md) is "oci-layout", "index.json" and
// "blobs/<alg>/<hex>". What `docker save` writes since Docker 25 is that same layout plus Docker's
// older index, "manifest.json" ([{Config, RepoTags, Layers}], paths into the archive) and
// "repositories" ({repo: {tag: top layer id}}): new `docker load` reads index.json, old ones read
// manifest.json, and both find the same blobs. Before Docker 25 an archive held only manifest.json
// and repositories, a "<config hex>.json" and one "<layer id>/layer.tar" (uncompressed) per layer.
import { z } from 'zod';

export const OCI_LAYOUT_FILE = 'oci-layout';
export const INDEX_FILE = 'index.json';
export const DOCKER_MANIFEST_FILE = 'manifest.json';
export const REPOSITORIES_FILE = 'repositories';

/** The full image name containerd and Docker record on an index.json entry. */
export const IMAGE_NAME_ANNOTATION = 'io.containerd.image.name';
/** The OCI reference name: what `skopeo oci:DIR:REF` and umoci select by (the tag here). */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export const OCI_LAYOUT_VERSION = '1.0.0';

export const OciLayoutSchema = z.looseObject({ imageLayoutVersion: z.string() });

export const DockerManifestEntrySchema = z.looseObject({
  Config: z.string().min(1),
  RepoTags: z.array(z.string()).nullable().optional(),
  Layers: z.array(z.string().min(1)),
});
export const DockerManifestFileSchema = z.array(DockerManifestEntrySchema);
export type DockerManifestEntry = z.output<typeof DockerManifestEntrySchema>;

/** The archive path of a blob. */
export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':') as [string, string];
  return `blobs/${algorithm}/${hex}`;
}

/** Docker media types for a layer stored uncompressed (old `docker save` archives). */
export const DOCKER_LAYER_TAR = 'application/vnd.docker.image.rootfs.diff.tar';
