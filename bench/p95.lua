-- wrk script: the same request every time (as without a script), and the p95 at the end.
function done(summary, latency, requests)
  io.write(string.format("p95 %.1fms\n", latency:percentile(95) / 1000))
end
