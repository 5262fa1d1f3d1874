/**
 * V8 flags that give a host process the heap Node 22 sizes for itself in the kind profile's container: the manifests
 * set no V8 flags, and `docker run --memory 192m node:22.23.3-bookworm-slim` reports a 259 MB heap limit whose new
 * space grows to 2 MB (1 MB semi-spaces), the same from 128Mi to 384Mi (docs/benchmarks.md, "Cold start"). A host
 * process with 24 GiB would otherwise get 16 MB semi-spaces and scavenge less than the pod does. For throughput and
 * memory runs only: any V8 flag makes V8 refuse Node's built-in code cache, so start-up is timed without them.
 */
export const CONTAINER_HEAP_FLAGS = '--max-old-space-size=256 --max-semi-space-size=1';
