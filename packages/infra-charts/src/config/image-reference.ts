import { z } from 'zod';

/** `repository`, `repository:tag`, `repository@sha256:…` or `repository:tag@sha256:…`, as Kubernetes accepts them. */
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** An image split into its parts; `tag` and `digest` may both be set (the digest wins at pull time). */
export interface ImageParts {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** The reference a pod spec uses: `repo:tag`, `repo@digest` or `repo:tag@digest`. */
export function formatImage(image: ImageParts): string {
  return `${image.repository}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
}

/** Splits a full reference; undefined when it is neither a valid tag nor a valid digest reference. */
export function parseImageReference(reference: string): ImageParts | undefined {
  const [name = '', digest, extra] = reference.split('@');
  if (extra !== undefined || (digest !== undefined && !DIGEST.test(digest))) return undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  const repository = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) : undefined;
  if (!REPOSITORY.test(repository) || (tag !== undefined && !TAG.test(tag))) return undefined;
  if (tag === undefined && digest === undefined) return undefined;
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** A label-safe version of an image for `app.kubernetes.io/version`: its tag, else the digest's first 12 hex digits. */
export function imageVersion(image: ImageParts): string {
  return image.tag ?? `sha256-${(image.digest ?? '').slice('sha256:'.length, 'sha256:'.length + 12)}`;
}

const PINNED_HINT = 'a version tag like "0.1.0", a digest "sha256:<64 hex>", or both';

/** An image in the config: repository plus a pinned tag, a digest, or both. */
export const imageSchema = z
  .strictObject({
    repository: z.string().regex(REPOSITORY, {
      error: 'must be an image repository like "docker.io/org/name" (lowercase, optional registry:port)',
    }),
    /** A pinned version tag (not `latest`). @default - none: then a digest is required */
    tag: z
      .string()
      .regex(TAG, { error: `must be an image tag like "0.1.0"; allowed: ${PINNED_HINT}` })
      .refine((tag) => tag !== 'latest', { error: 'must be pinned: "latest" is not allowed, use a version tag' })
      .optional(),
    /** A content digest (`sha256:…`); with a tag, `repo:tag@digest` (the runtime pulls by digest). @default - none: then a tag is required */
    digest: z
      .string()
      .regex(DIGEST, {
        error: 'must be an image digest "sha256:" + 64 lowercase hex digits (docker buildx imagetools inspect)',
      })
      .optional(),
  })
  .refine((image) => image.tag !== undefined || image.digest !== undefined, {
    error: `needs a tag or a digest; allowed: ${PINNED_HINT}`,
  });

/** A whole reference string (add-on image overrides), pinned by tag or digest. */
export const imageReferenceSchema = z.string().refine(
  (ref) => {
    const parts = parseImageReference(ref);
    return parts !== undefined && parts.tag !== 'latest';
  },
  {
    error: `must be an image reference pinned by tag or digest, e.g. "registry.example.com/minio/minio:RELEASE.2024-10-13T13-34-11Z" or "…@sha256:<64 hex>" ("latest" is not allowed)`,
  },
);

export type ImageConfig = z.output<typeof imageSchema>;
