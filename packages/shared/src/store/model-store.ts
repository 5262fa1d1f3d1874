/** Object storage for model artifacts, behind one interface: a local folder or an S3 bucket. */
export interface ModelStore {
  /** Where the store is, printable (never contains credentials): `file:///x` or `s3://bucket/prefix @ endpoint`. */
  readonly location: string;
  /** Reads an object; throws SharedError NOT_FOUND when it does not exist, UNREACHABLE when the store is down. */
  read(key: string): Promise<Uint8Array>;
  /** Writes an object whole (readers never see half of it). */
  write(key: string, data: Uint8Array): Promise<void>;
  /** True when an object exists. */
  exists(key: string): Promise<boolean>;
  /** Names directly under `prefix/` (sub-folders and objects), unsorted; empty when there are none. */
  list(prefix: string): Promise<string[]>;
}
