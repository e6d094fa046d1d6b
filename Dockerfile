# Porthole — the image `docker-compose build` makes. Multi-stage:
#   build    installs with pnpm (frozen lockfile), builds the SPA and bundles the server with esbuild
#            (apps/server/scripts/bundle.mjs: one server.mjs + the native better-sqlite3, no source maps
#            (--no-sourcemap), no dev dependencies), and assembles a minimal root filesystem with node
#            and the shared libraries it needs (scripts/node-rootfs.sh);
#   runtime  FROM scratch: that node, the bundle and the SPA — no shell, no package manager, no build
#            tools; runs as the unprivileged user 1000.
# NODE_IMAGE picks the Node image for the build (any official node:<lts> image, Debian or Alpine; the
# runtime takes its node from it). Where no registry is reachable, build from a host bundle
# instead: scripts/build-image-offline.sh and Dockerfile.offline (see README, "Classroom").
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 CI=1
RUN corepack enable
# Dependencies first: this layer is cached until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @porthole/web build \
 && node apps/server/scripts/bundle.mjs /out/app --no-sourcemap \
 && mkdir -p /out/data \
 && sh scripts/node-rootfs.sh /out/rootfs /out/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node

FROM scratch AS runtime
COPY --from=build /out/rootfs/ /
COPY --from=build --chown=1000:1000 /out/data /data
COPY --from=build /out/app /app
WORKDIR /app
ENV PATH=/usr/local/bin \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    PORTHOLE_DATA_DIR=/data \
    PORTHOLE_WEB_DIST=/app/web \
    MALLOC_ARENA_MAX=2
# Not root. To reach /var/run/docker.sock the container needs the socket's group:
# `group_add: ["${DOCKER_GID}"]` in docker-compose.yml, DOCKER_GID=$(stat -c %g /var/run/docker.sock).
USER 1000:1000
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself; the server closes gracefully on it (exit 0).
CMD ["node", "server.mjs"]
