# One image for every service of docker-compose.yml (DESIGN.md §4, distributed mode); the command
# names the entry file of the service a container runs, e.g. `services/intake/src/main.ts`.
FROM node:20.20.2-bookworm-slim

WORKDIR /app

# The whole workspace at once: npm ci needs every workspace's package.json, and the services load
# their .proto files at run time. .dockerignore keeps out dependencies, data and build output.
COPY . .

# Dev dependencies too: services run their TypeScript through @swc-node/register (as `npm start`
# does), and buf and ts-proto generate the contracts from proto/ below.
RUN npm ci --no-audit --no-fund \
 && npx nx run contracts:generate --outputStyle=static --skipNxCache \
 && npm cache clean --force

ENV NODE_ENV=production
USER node
ENTRYPOINT ["node", "-r", "@swc-node/register"]
CMD ["services/intake/src/main.ts"]
