# The SPA built once, served by nginx, which also terminates TLS and proxies the API (docker/nginx/).
FROM node:20 AS build
WORKDIR /src
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
# .dockerignore keeps the host's node_modules and dist out of this copy
COPY frontend/ ./
RUN npm run build

FROM nginx:1.27
RUN apt-get update && apt-get install -y --no-install-recommends openssl curl && rm -rf /var/lib/apt/lists/*
COPY docker/nginx/zhaoshang.conf.template /etc/nginx/templates/default.conf.template
COPY docker/nginx/10-self-signed-cert.sh /docker-entrypoint.d/10-self-signed-cert.sh
COPY --from=build /src/dist /usr/share/nginx/html
ENV ZS_HTTP_PORT=80 ZS_HTTPS_PORT=443 ZS_UPSTREAM=backend:8000 ZS_DOCUMENTS_UPSTREAM=documents:8000 ZS_TLS_DIR=/etc/nginx/tls ZS_SERVER_NAME=_ ZS_SPA_ROOT=/usr/share/nginx/html
EXPOSE 80 443
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["curl", "-fsk", "https://127.0.0.1/api/v1/health"]
