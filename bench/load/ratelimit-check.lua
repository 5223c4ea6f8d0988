-- wrk script: POST /api/v1/ratelimit/check, keys rotating over 1,024 users (one counter each), consuming.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MCPSEC_BENCH_TOKEN")

local bodies = {}
for i = 0, 1023 do
  bodies[i] = string.format('{"policy":"api-principal","key":"usr_%08x","consume":true}', i)
end

local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/ratelimit/check", nil, bodies[n % 1024])
end

-- wrk counts answers other than 2xx/3xx itself; printed so a run full of 429s or 401s cannot pass for a fast one.
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx per wrk: %d\n", summary.errors.status))
end
