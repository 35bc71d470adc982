# standin in a container: every vendor on port 4010 of all interfaces.
#   docker build -t standin .
#   docker run --rm -p 4010:4010 standin
# Flags after the image name replace the default command, e.g. `docker run … standin serve --host
# 0.0.0.0 --seed 7`. The controls (/__standin/) answer only on loopback unless STANDIN_ADMIN_TOKEN
# is set: pass `-e STANDIN_ADMIN_TOKEN=…` to reach them from the host or other containers.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the build needs runs one (esbuild's only checks its binary for tsx).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY mocks ./mocks
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY contracts ./contracts
# The contract suite's default ids; the served world is generated, not read from fixtures/.
COPY fixtures/people.json fixtures/meta.json ./fixtures/
USER node
EXPOSE 4010
# node:20-slim has no curl; Node's own fetch asks the health endpoint (loopback, so no admin token).
# It assumes port 4010: a command with another --port needs its own --health-cmd.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4010/__standin/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and gets SIGTERM from `docker stop` directly: standin stops gracefully.
ENTRYPOINT ["node", "dist/src/cli/bin.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "4010"]
