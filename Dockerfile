# Jessi: multi-stage image. Build stage installs dependencies; the runtime stage runs as a non-root user.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV DOTENV_CONFIG_QUIET=true
COPY package.json package-lock.json ./
# tsx is a runtime dependency: the service runs its TypeScript sources directly.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DOTENV_CONFIG_QUIET=true
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY intents ./intents
COPY knowledge ./knowledge
RUN useradd --system --uid 10001 --home /app jessi && mkdir -p /app/.wa-auth && chown jessi /app/.wa-auth
USER jessi
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
CMD ["node", "--import", "tsx", "src/server.ts"]
