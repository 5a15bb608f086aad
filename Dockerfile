# syntax=docker/dockerfile:1
# Build stage: full dependencies, compile TypeScript, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

# Runtime stage: slim image, non-root, tini as PID 1 so SIGTERM reaches node.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production LOG_PRETTY=never LAPOR_BRIDGE_HTTP_HOST=0.0.0.0 LAPOR_BRIDGE_HTTP_PORT=8080
# Two malloc arenas, not eight per core: the memory V8's helper threads free goes back to use.
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node config ./config
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.LAPOR_BRIDGE_HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The daemon's heap is sized by what it needs (docs/BENCHMARKS.md: 200–260 MiB resident at a
# million complaints), not by the host; commands run beside it (import) keep V8's own sizing.
CMD ["node", "--max-old-space-size=192", "--max-semi-space-size=4", "dist/cli/main.js", "start"]
