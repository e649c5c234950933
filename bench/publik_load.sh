#!/usr/bin/env bash
# Load test of the public pages (transparency page, open data, verification) with gunicorn
# and wrk on loopback, against an already-seeded database, e.g.:
#   createdb -h 127.0.0.1 -U postgres mutasi_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mutasi_bench uv run python manage.py migrate
#   DATABASE_URL=... DEBUG=1 uv run python manage.py seed_demo --pegawai 40000 --force
#   DATABASE_URL=... uv run python manage.py bench_arsip --usulan 100000
# Usage: bench/publik_load.sh   (env: DATABASE_URL, WORKERS="2 4", CONNS=32, CONNS_CARI=8,
#        DURATION=20s, PORT)
# Needs wrk (apt-get install wrk) and curl. Rate limits are off (RATELIMIT_ENABLE=0): the
# server's capacity is measured, not the 429 page. Any non-2xx answer fails the run.
#
# Besides the cached pages and files it measures the uncached search: every request a search
# the cache has not seen (bench/cari_unik.lua, words and number prefixes from the database).
# Its anchors, printed in the same run: the SQL of the same searches alone (the statistics and
# the page's rows, in this process), the cached page under the same load, and the load average
# before and after every measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.local/bin:$PATH"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mutasi_bench}"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 RATELIMIT_ENABLE=0
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export STATIC_ROOT="${STATIC_ROOT:-/tmp/mutasi_bench_static}"  # keep the checkout clean
WORKERS="${WORKERS:-2 4}" CONNS="${CONNS:-32}" DURATION="${DURATION:-20s}" PORT="${PORT:-8811}"
CONNS_CARI="${CONNS_CARI:-8}"
BASE="http://127.0.0.1:$PORT"
PIDFILE="$(mktemp -u /tmp/publik_load.XXXXXX.pid)"
KATA="$(mktemp /tmp/publik_load.XXXXXX.kata)"
GAGAL=0

stop() {  # stop the gunicorn master we started (it stops its workers), and wait for it
    if [[ -s "$PIDFILE" ]]; then
        local pid; pid="$(cat "$PIDFILE")"
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    rm -f "$PIDFILE"
}
trap 'stop; rm -f "$KATA"' EXIT

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

# Search words: 240 words of published names and 60 letter numbers, whole or their beginning.
uv run python manage.py shell -v 0 -c "
import random
from mutasi.models import SuratKeputusan, SuratKeputusanUsulan
names = SuratKeputusanUsulan.objects.filter(sk__status='terbit').values_list('nama', flat=True)
words = sorted({w for n in names for w in n.replace(',', ' ').split() if w.isalpha() and len(w) >= 3})
nomor = sorted(SuratKeputusan.objects.filter(status='terbit').values_list('nomor', flat=True))
random.seed(16)
kata = random.sample(words, min(240, len(words)))
kata += [n.rsplit('/', 2)[0] for n in random.sample(nomor, 30)] + random.sample(nomor, 30)
print(chr(10).join(kata))" >"$KATA"

# Anchor 1: the SQL of the same searches alone, in this process (statistics + page rows).
uv run python manage.py shell -v 0 -c "
import statistics, time
from django.db import connection
from mutasi.publik import data as publik
times = []
with connection.cursor() as cursor:
    for q in open('$KATA').read().split():
        queryset = publik.saring(publik.keputusan(), q=q)
        start = time.perf_counter()
        for sql, params in (publik.sql_statistik(queryset), queryset[:25].query.sql_with_params()):
            cursor.execute(sql, params)
            cursor.fetchall()
        times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f'anchor SQL of the search alone ({len(times)} searches): p50 {statistics.median(times):.1f}ms '
      f'p95 {times[int(len(times) * 0.95) - 1]:.1f}ms, load {open(\"/proc/loadavg\").read().split()[0]}')"

# name | extra wrk options | URL
RUNS=(
    "cached page|-s bench/p95.lua|/transparansi/"
    "cached page, filter|-s bench/p95.lua|/transparansi/?page=50&jenis=antar_opd"
    "UNCACHED SEARCH|-s bench/cari_unik.lua|/"
    "data.json gzip|-H Accept-Encoding:gzip -s bench/p95.lua|/transparansi/data.json"
    "data.csv gzip|-H Accept-Encoding:gzip -s bench/p95.lua|/transparansi/data.csv"
    "data.json plain|-s bench/p95.lua|/transparansi/data.json"
    "datapackage.json|-s bench/p95.lua|/transparansi/datapackage.json"
    "verification|-s bench/p95.lua|/verifikasi/$KODE/"
)

load() { cut -d" " -f1 /proc/loadavg; }

for w in $WORKERS; do
    start "$w"
    # Cold: first request to a fresh server (empty per-process cache, lazy imports).
    echo "== workers=$w  cold /transparansi/: $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' "$BASE/transparansi/")"
    for run in "${RUNS[@]}"; do
        IFS="|" read -r name opts u <<<"$run"
        read -r -a optv <<<"$opts"
        optv=("${optv[@]/Accept-Encoding:gzip/Accept-Encoding: gzip}")  # wrk wants ": "
        # shellcheck disable=SC2086  # opts are words
        # shellcheck disable=SC2046  # the header, or nothing
        size="$(curl -s -o /dev/null -w '%{http_code} %{size_download}B' \
            $([[ $opts == *gzip* ]] && echo -H Accept-Encoding:gzip) "$BASE$u")"
        conns="$CONNS"
        if [[ $name == UNCACHED* ]]; then
            # (its requests come from the script; one of them stands for all)
            size="$(curl -s -o /dev/null -w '%{http_code}' -G --data-urlencode "q=$(head -1 "$KATA")" \
                "$BASE/transparansi/")"
        fi
        # wrk counts only 4xx and 5xx as errors: a redirect (3xx) would be measured silently.
        if [[ ${size%% *} != 2?? ]]; then
            echo "FAILED: $name answers ${size%% *}, not 2xx" >&2
            GAGAL=1
        fi
        if [[ $name == UNCACHED* ]]; then
            conns="$CONNS_CARI"
            size="(each request a new search)"
        else
            wrk -t2 -c"$conns" -d3s "${optv[@]}" "$BASE$u" >/dev/null  # warm-up
        fi
        before="$(load)"
        out="$(CARI_KATA="$KATA" wrk -t2 -c"$conns" -d"$DURATION" --latency "${optv[@]}" "$BASE$u")"
        rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
        p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
        p95="$(awk '$1 == "p95" {print $2}' <<<"$out")"
        p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
        errs="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' \n' ' ' || true)"
        if grep -q 'Non-2xx' <<<"$out"; then GAGAL=1; fi
        mbs="$(awk '/^Transfer\/sec/ {print $2}' <<<"$out")"
        printf '%-22s %-42s c=%-3s %9s req/s  p50 %8s  p95 %8s  p99 %8s  %9s/s  load %s-%s  %s %s\n' \
            "$name" "$u" "$conns" "$rps" "$p50" "${p95:--}" "$p99" "$mbs" "$before" "$(load)" "$size" "$errs"
    done
    stop
done
if [[ $GAGAL != 0 ]]; then
    echo "FAILED: some answers were not 2xx (see Non-2xx above)" >&2
    exit 1
fi
