FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies too: the dashboards are built with Vite inside the image.
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
RUN npm run build:dashboards
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true PORT=3000
EXPOSE 3000
CMD ["node", "bin/ecoute.js", "start"]
