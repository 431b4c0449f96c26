#!/bin/sh
# A self-signed certificate on first start, unless one is mounted at $ZS_TLS_DIR/{cert,key}.pem.
set -eu
dir=${ZS_TLS_DIR:-/etc/nginx/tls}
if [ ! -s "$dir/cert.pem" ] || [ ! -s "$dir/key.pem" ]; then
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${ZS_SERVER_NAME:-zhaoshang}" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
  chmod 600 "$dir/key.pem"
  echo "zhaoshang: generated a self-signed certificate in $dir (mount your own cert.pem/key.pem to replace it)"
fi
