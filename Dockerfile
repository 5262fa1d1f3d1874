# The one Dockerfile of both images (inference-api, model-trainer).
#
# Its build context is a folder that `pnpm images:stage` prepared on the host: one package compiled to
# JavaScript with only its production dependencies (`pnpm deploy --prod`), its package.json `main` naming what
# the container runs. So the build only copies files and needs no network: the same file builds with
# BuildKit/buildx in GitHub Actions and with the classic builder on an air-gapped host.
#
#   pnpm images:build      (stages, then: docker build -f Dockerfile .images/stage/<image>)
#
# The base image is pinned to an exact Node.js 22 release; hosts without Docker Hub build a local stand-in
# with `pnpm images:base` (Debian bookworm from Debian's packages + the Node.js binary from the npm registry).
# One common stage, then one final stage per image, chosen with `--target <image>`; nothing is compiled here,
# so no build stage is needed: the staged context already holds only production files (its .dockerignore
# admits just those).
ARG BASE_IMAGE=node:22.23.3-bookworm-slim
# The GPU variant of the API (inference-api-gpu) runs on NVIDIA's CUDA runtime with cuDNN 8: libtensorflow 2.9.1
# (what tfjs-node 4.22 loads) is built against CUDA 11.2 / cuDNN 8.1 and runs on any later 11.x runtime.
ARG CUDA_BASE_IMAGE=nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
FROM ${BASE_IMAGE} AS runtime

ARG IMAGE_TITLE=mlops-image
ARG IMAGE_DESCRIPTION=""
ARG IMAGE_VERSION=0.0.0
ARG IMAGE_REVISION=unknown
LABEL org.opencontainers.image.title="${IMAGE_TITLE}" \
      org.opencontainers.image.description="${IMAGE_DESCRIPTION}" \
      org.opencontainers.image.version="${IMAGE_VERSION}" \
      org.opencontainers.image.revision="${IMAGE_REVISION}" \
      org.opencontainers.image.source="https://github.com/mlops-platform/mlops-platform" \
      org.opencontainers.image.licenses="Apache-2.0"

ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the process: the application cannot change its own code.
COPY --chown=0:0 . /app
# Non-root, and runnable with a read-only root filesystem: the process writes only to /tmp.
USER 10001:10001
ENTRYPOINT ["node", "/app"]

# Trains and publishes a model, then exits: no port.
FROM runtime AS model-trainer

# What the API image holds besides /app (issue #21, tenant density): the node binary of the runtime stage, exactly
# the shared libraries `ldd` lists for it (libc, libm, libstdc++, libgcc_s, ld-linux; /lib/<triplet> on amd64 and
# arm64 alike), the loader cache, passwd/group entries for 10001, nsswitch.conf and a world-writable /tmp. The node
# binary stays the pinned release as published (not stripped). No shell, no coreutils, no package manager.
FROM ${BASE_IMAGE} AS api-rootfs
RUN set -eu; r=/api-rootfs; mkdir -p "$r/usr/local/bin" "$r/etc" "$r/tmp"; \
    cp /usr/local/bin/node "$r/usr/local/bin/node"; \
    libs=$(ldd /usr/local/bin/node | sed -n -e 's|.*=> \(/[^ ]*\) .*|\1|p' -e 's|^[[:space:]]*\(/[^ ]*\) .*|\1|p'); \
    [ -n "$libs" ] || { echo 'ldd listed no libraries for /usr/local/bin/node' >&2; exit 1; }; \
    for lib in $libs; do cp --parents -L "$lib" "$r"; done; \
    cp /etc/ld.so.cache "$r/etc/"; chmod 1777 "$r/tmp"; \
    printf 'root:x:0:0:root:/root:/sbin/nologin\napi:x:10001:10001:inference-api:/tmp:/sbin/nologin\n' > "$r/etc/passwd"; \
    printf 'root:x:0:\napi:x:10001:\n' > "$r/etc/group"; \
    printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$r/etc/nsswitch.conf"; \
    echo "api root filesystem: $(du -sh "$r" | cut -f1) (node + $(echo "$libs" | wc -w) libraries)"

# V8's compile cache of the API bundle (issue #21, cold start): Node compiles /app once here, as the API's user, and
# the inference-api stage ships the cache read-only with NODE_COMPILE_CACHE naming it, so a cold start reads the
# bundle's compiled code instead of compiling it again (docs/benchmarks.md, "Cold start"). The run serves an empty
# store until it listens, then stops (SIGTERM: Node writes the cache as it exits). V8 accepts the cache only from the
# same Node build, user id and V8 flags; the manifests set no flags (any flag also voids Node's own built-in code
# cache), and a mismatch costs only the compile it would have saved.
FROM ${BASE_IMAGE} AS api-compile-cache
COPY --chown=0:0 . /app
RUN mkdir /compile-cache && chown 10001:10001 /compile-cache
USER 10001:10001
RUN set -eu; log=/tmp/compile-cache.log; \
    NODE_COMPILE_CACHE=/compile-cache TENANT=compile-cache MODEL_URI=file:///tmp/no-models/sentiment \
      MODEL_POLL_INTERVAL=0 SHUTDOWN_DELAY_MS=0 LOG_LEVEL=info node /app > "$log" 2>&1 & pid=$!; \
    i=0; until grep -q '"msg":"listening"' "$log"; do \
      i=$((i + 1)); if [ "$i" -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi; \
      sleep 0.1; done; \
    kill -TERM "$pid"; wait "$pid" || true; chmod -R a+rX /compile-cache; \
    [ -n "$(find /compile-cache -type f)" ] || { cat "$log" >&2; echo 'node wrote no compile cache' >&2; exit 1; }; \
    echo "compile cache: $(du -sh /compile-cache | cut -f1)"

# The per-tenant API (the default target): listens on 8000, the port of the tenant Service, and answers kubelet's
# probes on 8001 (PROBE_PORT, its probe listener thread). Distroless-style: only what node needs to run /app.
FROM scratch AS inference-api
ARG IMAGE_TITLE=inference-api
ARG IMAGE_DESCRIPTION=""
ARG IMAGE_VERSION=0.0.0
ARG IMAGE_REVISION=unknown
LABEL org.opencontainers.image.title="${IMAGE_TITLE}" \
      org.opencontainers.image.description="${IMAGE_DESCRIPTION}" \
      org.opencontainers.image.version="${IMAGE_VERSION}" \
      org.opencontainers.image.revision="${IMAGE_REVISION}" \
      org.opencontainers.image.source="https://github.com/mlops-platform/mlops-platform" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=api-rootfs /api-rootfs/ /
ENV PATH=/usr/local/bin NODE_ENV=production NODE_COMPILE_CACHE=/app/.compile-cache
WORKDIR /app
COPY --chown=0:0 . /app
COPY --from=api-compile-cache --chown=0:0 /compile-cache /app/.compile-cache
USER 10001:10001
EXPOSE 8000 8001
ENTRYPOINT ["node", "/app"]

# The API for GPU tenants: the same staged context as inference-api (stage it where tfjs-node's native download
# works, as images.yml does), on the CUDA runtime, with the GPU build of the same libtensorflow release swapped in
# for tfjs-node's CPU one. linux/amd64 only: there is no arm64 GPU build of libtensorflow. This stage downloads
# libtensorflow, so unlike the others it needs the network; images.yml builds it, `pnpm images:build` does not.
FROM ${CUDA_BASE_IMAGE} AS inference-api-gpu
ARG LIBTENSORFLOW_GPU_URL=https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-gpu-linux-x86_64-2.9.1.tar.gz
ARG IMAGE_TITLE=inference-api-gpu
ARG IMAGE_DESCRIPTION=""
ARG IMAGE_VERSION=0.0.0
ARG IMAGE_REVISION=unknown
LABEL org.opencontainers.image.title="${IMAGE_TITLE}" \
      org.opencontainers.image.description="${IMAGE_DESCRIPTION}" \
      org.opencontainers.image.version="${IMAGE_VERSION}" \
      org.opencontainers.image.revision="${IMAGE_REVISION}" \
      org.opencontainers.image.source="https://github.com/mlops-platform/mlops-platform" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production
COPY --from=runtime /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
COPY --chown=0:0 . /app
ADD ${LIBTENSORFLOW_GPU_URL} /tmp/libtensorflow-gpu.tar.gz
# Every libtensorflow file of tfjs-node is replaced by its GPU build; none found means the context was staged
# without the native binding, which would silently run the pure-JS backend on a GPU node: fail instead.
RUN set -eu; mkdir /tmp/tf; tar -xzf /tmp/libtensorflow-gpu.tar.gz -C /tmp/tf; found=0; \
    for old in $(find /app/node_modules -path '*tfjs-node/*' -name 'libtensorflow*.so*' -type f); do \
      cp "/tmp/tf/lib/$(basename "$old")" "$old"; found=$((found + 1)); done; \
    if [ "$found" -eq 0 ]; then echo 'no native tfjs-node in the staged context: stage where its download works' >&2; exit 1; fi; \
    rm -rf /tmp/tf /tmp/libtensorflow-gpu.tar.gz; echo "replaced $found libtensorflow files with the GPU build"
USER 10001:10001
EXPOSE 8000 8001
ENTRYPOINT ["node", "/app"]
