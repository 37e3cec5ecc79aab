# One image for every service (docker-compose.yml, deploy/k8s): the command names the entry file of
# the service a container runs, e.g. `services/intake/src/main.ts`, and the entrypoint runs it through
# @swc-node/register, as `npm run start:*` does.
#
#   docker build -t frm-services:$(git rev-parse --short HEAD) .
#
# Stages:
#   toolchain        Node with the npm the lockfile is written with (Node 20 ships npm 10)
#   manifests        only the package.json files, package-lock.json and .npmrc, so that the two
#                    installs below are cached until a dependency changes, not on every source edit
#   build            npm ci (dev dependencies included), the contracts generated from proto/ and the
#                    web board built into services/web/dist
#   runtime-modules  npm ci of the production dependencies, plus the TypeScript loader the services
#                    run under (@swc-node/register and @swc/core, dev dependencies in package.json)
#   runtime          the last stage: sources, generated code, the board and runtime packages only;
#                    no npm, no compiler toolchain, no test tools; runs as the unprivileged `node` user (uid 1000)
#
# Checked without a Docker engine by deploy/k8s/manifests.spec.ts (dockerfilelint and the rules above).

FROM node:20.20.2-bookworm-slim AS toolchain
RUN npm install --global --no-audit --no-fund npm@11.19.1 \
 && npm cache clean --force

FROM toolchain AS manifests
WORKDIR /context
COPY . .
# Each workspace's package.json (and a bin script npm links) at its own path, nothing else.
RUN mkdir /manifests \
 && find . -path ./node_modules -prune -o -type f \( -name package.json -o -name package-lock.json -o -name .npmrc \) -print \
      | xargs cp --parents --target-directory=/manifests \
 && cp --parents --target-directory=/manifests services/cli/bin/frm.js

FROM toolchain AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund
COPY . .
# The services load proto/ at run time and import the ts-proto code generated from it; the gateway
# serves the board from services/web/dist (FRM_WEB_ROOT).
RUN npx nx run contracts:generate --outputStyle=static \
 && npx nx run web:build --outputStyle=static \
 && mkdir /out \
 && tar --create --file=- --exclude=./node_modules --exclude='./libs/*/node_modules' --exclude='./services/*/node_modules' \
      --exclude=./.nx --exclude=./tmp . \
      | tar --extract --file=- --directory=/out \
 && mkdir /loader \
 && node deploy/k8s/image/loader-paths.js . | xargs cp --archive --parents --target-directory=/loader

FROM toolchain AS runtime-modules
WORKDIR /app
COPY --from=manifests /manifests/ ./
# Production dependencies from the lockfile, then the loader with what only dev dependencies bring
# (deploy/k8s/image/loader-paths.js), copied from the full install at the lockfile's paths.
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /loader/ ./
RUN node -e "require('@swc/core'); require.resolve('@swc-node/register')"

FROM node:20.20.2-bookworm-slim
# No package manager in the image that runs: nothing installs at run time, and a scanner has less to report.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg
ENV NODE_ENV=production \
    FRM_DATA_DIR=/tmp/frm-data \
    FRM_HEALTHCHECK_PORT=50051
WORKDIR /app
# Owned by root and read-only for the service: Kubernetes runs it with a read-only root filesystem.
COPY --from=build /out/ ./
COPY --from=runtime-modules /app/ ./
USER 1000:1000
# The port of the service the command starts (intake's 50051 by default): docker-compose.yml has a
# health check per service, and Kubernetes ignores this one in favour of its probes (deploy/k8s).
# Six failures in a row (a minute) make it unhealthy: starting, the loader compiles for a few seconds.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD node deploy/compose/tcp-health-check.js "$FRM_HEALTHCHECK_PORT"
ENTRYPOINT ["node", "-r", "@swc-node/register"]
CMD ["services/intake/src/main.ts"]
