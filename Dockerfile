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

# The per-tenant API (the default target): listens on 8000, the port of the tenant Service and probes.
FROM runtime AS inference-api
EXPOSE 8000
