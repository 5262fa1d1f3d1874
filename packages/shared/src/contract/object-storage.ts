/** Namespace of the in-cluster MinIO (kind profile). */
export const MINIO_NAMESPACE = 'minio';
/** Name of MinIO's Service and Deployment. */
export const MINIO_SERVICE = 'minio';
/** MinIO's S3 API port. */
export const MINIO_API_PORT = 9000;

/** MinIO's in-cluster `host:port`, as a scrape target names it. */
export function minioAddress(): string {
  return `${MINIO_SERVICE}.${MINIO_NAMESPACE}.svc.cluster.local:${MINIO_API_PORT}`;
}

/** The in-cluster MinIO S3 endpoint the API and the trainer use, e.g. `http://minio.minio.svc.cluster.local:9000`. */
export function minioUrl(): string {
  return `http://${minioAddress()}`;
}
