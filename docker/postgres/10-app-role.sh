#!/bin/sh
# First start of the database: the role the API and the worker connect as. It owns nothing; the migrate
# service grants it row access after each upgrade (`zhaoshang grant-app-role zs_app`).
set -eu
password=$(cat /run/secrets/app_db_password)
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$password" <<'SQL'
CREATE ROLE zs_app LOGIN PASSWORD :'pw';
SQL
