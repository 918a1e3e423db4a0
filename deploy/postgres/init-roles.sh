#!/bin/sh
# First start of the postgres container (docker-entrypoint-initdb.d): create the event store's
# two roles and their schema with roles.sql, from the variables docker-compose.yml passes.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v migrator="$MIGRATION_ROLE" -v migrator_password="$MIGRATION_ROLE_PASSWORD" \
  -v app_user="$APP_ROLE" -v app_password="$APP_ROLE_PASSWORD" \
  -v schema="$APP_SCHEMA" -f /portfolio/roles.sql
