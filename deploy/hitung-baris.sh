#!/usr/bin/env bash
# Exact row count of every table of a database, one "table count" per line, sorted: run it
# on the source and on a restored copy and diff the two.
#   deploy/hitung-baris.sh postgres://postgres@/mutasi > a; deploy/hitung-baris.sh ...restore > b; diff a b
set -euo pipefail
url=${1:?DATABASE_URL}
psql --no-psqlrc --tuples-only --no-align --dbname="$url" <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) FROM %I.%I;', table_name, table_schema, table_name)
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
\gexec
SQL
