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
# A 1 GB old-generation cap keeps a worker's heap near its live set. Without it, V8 sizes its heap
# limit from the machine's memory (4 GB on a 24 GB host) and, that high, lets the heap grow to 4 times what survived the last full GC before collecting
# again: a process worker's ~60 MB of live data became 200-250 MB of heap and a 400+ MB resident set
# on long runs. Under a cap below 2 GB, V8 also lowers that factor to between 1.3 and 2.0, and
# the peak stays flat at about 210 MB with the same throughput (docs/BENCHMARKS.md, "Worker memory").
# 1 GB is far above what any command here needs (the nightly export of a million comments peaks
# at about 400 MB resident in all), so it is a ceiling on growth, not a limit the work runs into.
ENV NODE_OPTIONS=--max-old-space-size=1024
COPY package.json package-lock.json ./
# Production dependencies only; better-sqlite3 is compiled here, then the compiler is removed.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3 \
  && apt-get purge -y -qq python3 make g++ && apt-get autoremove -y -qq
COPY --from=build /app/dist ./dist
COPY config ./config
COPY models ./models
COPY src/web ./src/web
# The compose file mounts named volumes here; Docker gives a new volume the owner of the folder it
# is mounted on, so without these the volumes would belong to root and `node` could not write.
RUN mkdir -p /data /exports && chown node:node /data /exports
USER node
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["start"]
