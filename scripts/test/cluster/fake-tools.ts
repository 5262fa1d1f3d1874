import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fake docker, kind and kubectl (there is no Docker engine or cluster on these machines): shell scripts that
 * record every call in $FAKE_STATE/calls.log and answer like the real tools. kubectl port-forward is a real
 * TCP forwarder to a real server the test runs ($FAKE_S3_PORT, or per Service in $FAKE_FORWARDS="svc=port ...");
 * `auth can-i` says yes to the argument lines in $FAKE_STATE/can-i; probe-pod `exec` connects to the
 * "namespace host port" (or "namespace host dns") lines in $FAKE_STATE/net and times out on the rest.
 * kubectl takes (and logs) a leading `--context <name>`; Secrets live as JSON files in $FAKE_STATE/secrets, with
 * `get -o json`, `create -f -` (refuses an existing one), `replace -f -` (refuses a stale resourceVersion), `delete`.
 */
/**
 * The fake API server's Secret store: node reads the object (or List) from stdin and writes one file per Secret,
 * atomically (temp file + rename) as the API server is: readers never see half a Secret.
 */
const SECRET_STORE = `const fs=require("fs");const [verb,dir]=process.argv.slice(1);const body=JSON.parse(fs.readFileSync(0,"utf8"));
for(const s of body.kind==="List"?body.items:[body]){const f=dir+"/"+s.metadata.namespace+"__"+s.metadata.name+".json";
const old=fs.existsSync(f)?JSON.parse(fs.readFileSync(f,"utf8")):undefined;
if(verb==="create"&&old){console.error("Error from server (AlreadyExists): secrets "+s.metadata.name+" already exists");process.exit(1)}
if(verb==="replace"&&!old){console.error("Error from server (NotFound)");process.exit(1)}
if(verb==="replace"&&old.metadata.resourceVersion!==s.metadata.resourceVersion){console.error("Error from server (Conflict)");process.exit(1)}
s.metadata.resourceVersion=String(Number(old?.metadata.resourceVersion??0)+1);fs.writeFileSync(f+".tmp",JSON.stringify(s));fs.renameSync(f+".tmp",f)}`;
/** Every fake logs its call and fails with exit 3 when the call equals $FAKE_FAIL. */
const COMMON = `#!/bin/bash
echo "$(basename "$0") $*" >> "$FAKE_STATE/calls.log"
if [ -n "\${FAKE_FAIL:-}" ] && [ "$(basename "$0") $*" = "$FAKE_FAIL" ]; then echo "error: simulated failure of $*" >&2; exit 3; fi
`;

const SCRIPTS: Record<string, string> = {
  docker: `${COMMON}
case "$1" in
  version) echo "\${FAKE_DOCKER_VERSION:-27.3.1}" ;;
esac
`,
  kind: `${COMMON}
touch "$FAKE_STATE/clusters"
case "$1 $2" in
  "version "*) echo "kind v\${FAKE_KIND_VERSION:-0.24.0} go1.22.6 linux/amd64" ;;
  "get clusters") cat "$FAKE_STATE/clusters" ;;
  "create cluster") echo "$4" >> "$FAKE_STATE/clusters" ;;
  "delete cluster") grep -vx "$4" "$FAKE_STATE/clusters" > "$FAKE_STATE/c.tmp" || true; mv "$FAKE_STATE/c.tmp" "$FAKE_STATE/clusters" ;;
esac
`,
  kubectl: `${COMMON}
if [ "$1" = "--context" ]; then shift 2; fi
args="$*"
mkdir -p "$FAKE_STATE/secrets"
case "$args" in
  "-n "*" get hpa "*)
    # With FAKE_HPA_SERIES="2,3,5,2": successive readings walk the series (then stay on its last value).
    if [ -n "\${FAKE_HPA_SERIES:-}" ]; then
      n=$(cat "$FAKE_STATE/hpa-n" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_STATE/hpa-n"
      IFS=, read -r -a series <<< "$FAKE_HPA_SERIES"; last=$((\${#series[@]} - 1)); [ "$n" -gt "$last" ] && n=$last
      r="\${series[$n]}"
      printf '{"spec":{"minReplicas":2,"maxReplicas":10,"metrics":[{"resource":{"target":{"averageUtilization":50}}}]},"status":{"currentReplicas":%s,"desiredReplicas":%s,"currentMetrics":[{"resource":{"name":"cpu","current":{"averageUtilization":%s}}}]}}\n' "$r" "$r" "$((r * 30))"
      exit 0
    fi ;;&
  "auth can-i "*)
    if [ -f "$FAKE_STATE/can-i" ] && grep -Fxq -- "$args" "$FAKE_STATE/can-i"; then echo yes; else echo no; exit 1; fi ;;
  "-n "*" exec smoke-probe -- node -e "*)
    ns="$2"; shift 8
    if [ "$#" -eq 3 ]; then key="$ns $1 $2"; ok=open; else key="$ns $1 dns"; ok=resolved; fi
    if [ -f "$FAKE_STATE/net" ] && grep -Fxq -- "$key" "$FAKE_STATE/net"; then echo "$ok"; else echo timeout; fi ;;
  "-n "*" port-forward svc/"*)
    local_port="\${5%%:*}"; service="\${4#svc/}"
    target="$FAKE_S3_PORT"
    for pair in \${FAKE_FORWARDS:-}; do [ "\${pair%%=*}" = "$service" ] && target="\${pair#*=}"; done
    exec "$FAKE_NODE" -e 'const net=require("net");const [l,r]=process.argv.slice(1);net.createServer((c)=>{const s=net.connect(Number(r),"127.0.0.1");c.pipe(s);s.pipe(c);s.on("error",()=>c.destroy());c.on("error",()=>s.destroy())}).listen(Number(l),"127.0.0.1")' "$local_port" "$target" ;;
  "version --client"*) echo '{"clientVersion":{"gitVersion":"v1.31.0"}}' ;;
  "-n minio get secret minio-root-credentials -o jsonpath={.data}") echo '{"rootPassword":"UzNSVkVS","rootUser":"UzNSVkVS"}' ;;
  "-n "*" get secret "*" -o json") f="$FAKE_STATE/secrets/$2__$5.json"; if [ -f "$f" ]; then cat "$f"; else echo "Error from server (NotFound): secrets "$5" not found" >&2; exit 1; fi ;;
  "create -f -"|"replace -f -") exec "$FAKE_NODE" -e '${SECRET_STORE}' "$1" "$FAKE_STATE/secrets" ;;
  "-n "*" delete secret "*) rm -f "$FAKE_STATE/secrets/$2__$5.json" ;;
  "apply -f -") cat > "$FAKE_STATE/applied.json" ;;
  "-n tenant-a get deployment tenant-a-ml-inference -o json") echo '{"status":{"readyReplicas":2,"replicas":3}}' ;;
  "-n tenant-a get hpa tenant-a-ml-inference-hpa -o json") echo '{"spec":{"maxReplicas":10},"status":{"currentReplicas":3,"desiredReplicas":4}}' ;;
  "-n tenant-a exec deployment/tenant-a-ml-inference -- node -e "*) echo 'v20261127-101500-abcdef' ;;
  "-n tenant-b get "*|"-n tenant-b exec "*) echo 'Error from server (NotFound)' >&2; exit 1 ;;
esac
`,
};

/** The only other programs the fakes need; PATH holds nothing else, so real tools cannot leak in. */
const SHELL_TOOLS = ['basename', 'cat', 'grep', 'mkdir', 'mv', 'rm', 'touch'];

/**
 * Writes the fakes (all, or only `tools`) into a fresh folder; returns a PATH made of that folder and a folder of
 * the few shell tools they use, and the state folder.
 */
export function installFakeTools(tools: readonly string[] = Object.keys(SCRIPTS)): { path: string; state: string } {
  const root = mkdtempSync(join(tmpdir(), 'fake-tools-'));
  const bin = join(root, 'bin');
  const sys = join(root, 'sys');
  const state = join(root, 'state');
  mkdirSync(bin);
  mkdirSync(sys);
  mkdirSync(state);
  for (const tool of SHELL_TOOLS) {
    const real = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));
    if (real) symlinkSync(real, join(sys, tool));
  }
  for (const tool of tools) {
    writeFileSync(join(bin, tool), SCRIPTS[tool] as string);
    chmodSync(join(bin, tool), 0o755);
  }
  return { path: `${bin}:${sys}`, state };
}
