#!/usr/bin/env bash
# Load test of the public pages (transparency page, open data, verification) with gunicorn
# and wrk on loopback, against an already-seeded database, e.g.:
#   createdb -h 127.0.0.1 -U postgres mutasi_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_bench uv run python manage.py migrate
#   DATABASE_URL=... DEBUG=1 uv run python manage.py seed_demo --pegawai 40000 --usulan 100000 --force
# Usage: bench/publik_load.sh   (env: DATABASE_URL, WORKERS="2 4", CONNS=32, DURATION=20s, PORT)
# Needs wrk (apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.local/bin:$PATH"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mutasi_bench}"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export STATIC_ROOT="${STATIC_ROOT:-/tmp/mutasi_bench_static}"  # keep the checkout clean
WORKERS="${WORKERS:-2 4}" CONNS="${CONNS:-32}" DURATION="${DURATION:-20s}" PORT="${PORT:-8811}"
BASE="http://127.0.0.1:$PORT"
PIDFILE="$(mktemp -u /tmp/publik_load.XXXXXX.pid)"

stop() {  # stop the gunicorn master we started (it stops its workers), and wait for it
    if [[ -s "$PIDFILE" ]]; then
        local pid; pid="$(cat "$PIDFILE")"
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    rm -f "$PIDFILE"
}
trap stop EXIT

start() {  # start gunicorn with $1 sync workers and wait until it answers
    uv run gunicorn mutasi.wsgi -b "127.0.0.1:$PORT" -w "$1" -p "$PIDFILE" \
        --access-logfile /dev/null --error-logfile /tmp/publik_load.gunicorn.log &
    until curl -sf -o /dev/null "$BASE/verifikasi/"; do sleep 0.3; done
}

# With DEBUG=0 the manifest storage is used; do not abort the benchmark if it fails.
uv run python manage.py collectstatic --noinput >/dev/null 2>/tmp/publik_load.collectstatic.log \
    || echo "WARNING: collectstatic failed, see /tmp/publik_load.collectstatic.log"
KODE="$(uv run python manage.py shell -v 0 -c "
from mutasi.models import SuratKeputusan
print(SuratKeputusan.objects.filter(status='terbit').order_by('pk').values_list('kode_verifikasi', flat=True).first())")"
TERBIT="$(uv run python manage.py shell -v 0 -c "
from mutasi.models import SuratKeputusanUsulan
print(SuratKeputusanUsulan.objects.filter(sk__status='terbit').count())")"
echo "cpus=$(nproc) load=\"$(cut -d" " -f1-3 /proc/loadavg)\" published_decisions=$TERBIT kode=$KODE conns=$CONNS duration=$DURATION"

URLS=(
    "/transparansi/"
    "/transparansi/?page=50&jenis=antar_opd"
    "/transparansi/data.json"
    "/transparansi/data.csv"
    "/verifikasi/$KODE/"
)

for w in $WORKERS; do
    start "$w"
    # Cold: first request to a fresh server (empty per-process cache, lazy imports).
    echo "== workers=$w  cold /transparansi/: $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' "$BASE/transparansi/")"
    for u in "${URLS[@]}"; do
        size="$(curl -s -o /dev/null -w '%{http_code} %{size_download}B' "$BASE$u")"
        wrk -t2 -c"$CONNS" -d3s "$BASE$u" >/dev/null  # warm-up: fill every worker's cache
        out="$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$BASE$u")"
        rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
        p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
        p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
        errs="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' \n' ' ' || true)"
        printf '%-45s %9s req/s  p50 %8s  p99 %8s  %s %s\n' "$u" "$rps" "$p50" "$p99" "$size" "$errs"
    done
    stop
done
