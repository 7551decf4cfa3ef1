# CareVoice image: one image for the API, the scheduler and every kind of worker.
FROM node:20-bookworm-slim AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Production dependencies only; better-sqlite3 is compiled here, then the compiler is removed.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3 \
  && apt-get purge -y -qq python3 make g++ && apt-get autoremove -y -qq
COPY --from=build /app/dist ./dist
COPY config ./config
COPY models ./models
COPY src/web ./src/web
USER node
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["start"]
