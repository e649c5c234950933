#!/usr/bin/env bash
# Restore a backup made by backup.sh into a NEW database and media folder, then compare.
#   deploy/restore.sh BACKUP_DIR/mutasi-STAMP.dump postgres://postgres@/mutasi_restore /srv/mutasi/media-restore
# The target database must not exist (it is created); switch the app over only after the
# counts printed at the end look right (see docs/deploy.md "Restore").
set -euo pipefail
dump=${1:?dump file}
target=${2:?target DATABASE_URL}
media=${3:?target media folder}
stamp=$(basename "$dump" .dump)
stamp=${stamp#mutasi-}
dir=$(dirname "$dump")

if [ -f "$dir/mutasi-$stamp.sha256" ]; then
    (cd "$dir" && sha256sum --check --quiet "mutasi-$stamp.sha256")
fi
name=${target##*/}
server=${target%/*}/postgres
psql --quiet --dbname="$server" -c "CREATE DATABASE \"$name\""
pg_restore --no-owner --exit-on-error --jobs="${JOBS:-2}" --dbname="$target" "$dump"
psql --quiet --dbname="$target" -c "ANALYZE"
mkdir -p "$media"
tar --extract --gzip --file="$dir/media-$stamp.tar.gz" --directory="$media"
echo "restored $dump into $target and $media"
