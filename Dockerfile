# Jessi: multi-stage image. The build stage compiles the TypeScript to JavaScript (npm run build → dist/);
# the runtime stage runs plain JavaScript (no TypeScript loader at run time) as a non-root user.
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV DOTENV_CONFIG_QUIET=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY deploy/build-dist.mjs ./deploy/
COPY src ./src
COPY adapters ./adapters
RUN npm run build && npm prune --omit=dev && npm cache clean --force

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DOTENV_CONFIG_QUIET=true
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY intents ./intents
COPY knowledge ./knowledge
RUN useradd --system --uid 10001 --home /app jessi && mkdir -p /app/.wa-auth && chown jessi /app/.wa-auth
USER jessi
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
# Content edits without a restart: `docker kill --signal=HUP <container>` reloads knowledge/ and intents/.
CMD ["node", "dist/src/server.js"]
