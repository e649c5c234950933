#!/usr/bin/env bash
# Back up Mutasi ASN: the database (pg_dump, custom format) and MEDIA_ROOT (uploads, letter
# PDFs) into BACKUP_DIR, keeping KEEP_DAYS days. Reads DATABASE_URL and MEDIA_ROOT like the app.
#   DATABASE_URL=postgres://mutasi@/mutasi MEDIA_ROOT=/srv/mutasi/media deploy/backup.sh
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}" "${MEDIA_ROOT:?set MEDIA_ROOT}"
BACKUP_DIR=${BACKUP_DIR:-/srv/mutasi/backup}
KEEP_DAYS=${KEEP_DAYS:-14}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p "$BACKUP_DIR"
umask 077

# pg_dump takes one consistent snapshot; media goes second, so a letter published during the
# dump has its file (its row may be missing from the dump, never the other way round).
pg_dump --format=custom --compress=6 --no-owner --file="$BACKUP_DIR/mutasi-$stamp.dump.part" \
    --dbname="$DATABASE_URL"
mv "$BACKUP_DIR/mutasi-$stamp.dump.part" "$BACKUP_DIR/mutasi-$stamp.dump"
tar --create --gzip --file="$BACKUP_DIR/media-$stamp.tar.gz.part" --directory="$MEDIA_ROOT" .
mv "$BACKUP_DIR/media-$stamp.tar.gz.part" "$BACKUP_DIR/media-$stamp.tar.gz"
sha256sum "$BACKUP_DIR/mutasi-$stamp.dump" "$BACKUP_DIR/media-$stamp.tar.gz" \
    >"$BACKUP_DIR/mutasi-$stamp.sha256"

find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'mutasi-*' -o -name 'media-*' \) \
    -mtime +"$KEEP_DAYS" -delete
ls -l "$BACKUP_DIR"/*"$stamp"*
