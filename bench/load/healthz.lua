-- wrk script: GET /healthz with the same bearer token, so authentication runs as it does for the check.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MCPSEC_BENCH_TOKEN")

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx per wrk: %d\n", summary.errors.status))
end
