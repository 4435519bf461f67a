# syntax=docker/dockerfile:1
# Écoute's image: the compiled JavaScript (dist/), the built dashboards and production dependencies
# only, run by an unprivileged user. Node 22 LTS (Node 20 reaches its end of life in April 2026).
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Build: every dependency (TypeScript, Vite), then `npm run build` → dist/ and dashboards/dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies alone, so that no compiler, test or bundler reaches the image.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The image: code and the data it reads at run time (migrations, shipped models and training
# set, demo corpus), owned by root and read-only to the `node` user (uid 1000) that runs it.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    DOTENV_CONFIG_QUIET=true \
    PORT=3000 \
    ECOUTE_HOME=/var/lib/ecoute
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/dashboards/dist ./dashboards/dist
COPY sql ./sql
COPY core/classification/models ./core/classification/models
COPY core/classification/lexicon/polarity-en.json core/classification/lexicon/polarity-fr.json ./core/classification/lexicon/
COPY demo/mentions.jsonl demo/topics.json demo/customers.csv ./demo/
# The one writable place: the generated secret key and the models trained here. A named volume
# mounted here starts with this owner.
RUN mkdir -p /var/lib/ecoute && chown node:node /var/lib/ecoute
USER node
EXPOSE 3000
# Healthy once the API has migrated and reaches Postgres and Redis (/api/v1/ready answers 200).
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/api/v1/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# API and workers in one container; docker-compose.yml runs them as two services instead.
CMD ["node", "bin/ecoute.js", "start"]
