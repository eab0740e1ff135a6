# Lastmile, production image. Multi-stage: the build has dev dependencies (TypeScript, esbuild,
# the Prisma CLI); the runtime has `npm ci --omit=dev`, the built pages and the server bundle.
# Past one machine it runs with NATS_URL (a JetStream cluster) and DATABASE_URL (PostgreSQL):
# see deploy/compose.yaml and deploy/k8s/. Alone (no NATS_URL) it starts its own nats-server.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
# nats-server only for the zero-configuration case (no NATS_URL); curl for the health check.
RUN apt-get update \
  && apt-get install -y --no-install-recommends nats-server curl \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data DEMO=0
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.sh ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY next.config.js ./
COPY prisma/migrations ./prisma/migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
# The same malloc settings and V8 flag as scripts/start.sh (why: there; docs/small-server.md).
ENV MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=32768 MALLOC_TRIM_THRESHOLD_=131072
CMD ["node", "--max-semi-space-size=64", "dist/server.mjs"]
