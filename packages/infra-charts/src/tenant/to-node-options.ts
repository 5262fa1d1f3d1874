import { parseQuantity } from '../config/quantity.js';

/** Share of the container's memory limit given to V8's old space; the model table and I/O buffers live outside it. */
const OLD_SPACE_SHARE = 0.35;
/** Young-generation semi-space in MB: V8's default (16) grows the heap under request garbage for no speed gain here. */
const SEMI_SPACE_MB = 4;

/**
 * NODE_OPTIONS for the API, sized from its memory limit: without them V8 sizes its heap from the node's memory,
 * and RSS under sustained load grows towards the limit. The scorer's table lives outside the V8 heap (typed
 * arrays), and the heap in use stays near 13 MB, so 35 % of the kind profile's 192Mi (67 MB) leaves it ample room
 * (docs/benchmarks.md).
 */
export function toNodeOptions(memoryLimit: string): string {
  const mebibytes = (parseQuantity(memoryLimit) ?? 0) / 2 ** 20;
  const oldSpace = Math.max(64, Math.floor(mebibytes * OLD_SPACE_SHARE));
  return `--max-old-space-size=${oldSpace} --max-semi-space-size=${SEMI_SPACE_MB}`;
}
