-- wrk script: every request is a public search the cache has not seen (a new search word).
-- The words come from the file $CARI_KATA, one a line (names and number prefixes from the
-- database, written by bench/publik_load.sh); a per-thread counter makes each query unique.
local kata = {}
for line in io.lines(os.getenv("CARI_KATA")) do kata[#kata + 1] = line end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local n = 0
function request()
  n = n + 1
  local q = kata[(n * 7 + id) % #kata + 1]
  return wrk.format("GET", "/transparansi/?q=" .. q .. "&t=" .. id .. "-" .. n)
end

-- wrk --latency prints 50/75/90/99 %; the target is a p95.
function done(summary, latency, requests)
  io.write(string.format("p95 %.1fms\n", latency:percentile(95) / 1000))
end
