// An S3-compatible server (s3rver) for `pnpm images:test`, run inside a container of the base image with the
// repository mounted read-only at /repo: node /repo/scripts/src/images/image-test/s3-server-entry.mjs <dir> <bucket>...
import S3rver from 's3rver';

const [directory, ...buckets] = process.argv.slice(2);
if (!directory || buckets.length === 0) {
  console.error('usage: s3-server-entry.mjs <data-dir> <bucket>...');
  process.exit(2);
}
const server = new S3rver({
  address: '0.0.0.0',
  port: 9000,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name, configs: [] })),
});
await server.run();
console.log(`s3rver listening on :9000 with buckets ${buckets.join(', ')}`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
