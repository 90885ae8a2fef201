-- GET one page per request, rotating through (path, session cookie) pairs so many users share
-- the load. The pairs come from the file named by BENCH_LUA_DATA (written by bench/http_tools.py):
--   return { requests = { {"/me/", "sessionid=..."}, ... } }
local data = dofile(os.getenv("BENCH_LUA_DATA"))
local pairs_, n, counter = data.requests, #data.requests, 0
local threads, next_id = {}, 0
local ok, bad = 0, 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = tonumber(wrk.thread:get("id"))
end

function request()
  local pair = pairs_[(counter % n) + 1]
  counter = counter + 1
  local headers = { ["Host"] = "127.0.0.1" }
  if pair[2] ~= "" then headers["Cookie"] = pair[2] end
  return wrk.format("GET", pair[1], headers)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
  wrk.thread:set("ok", ok)
  wrk.thread:set("bad", bad)
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for _, t in ipairs(threads) do
    total_ok = total_ok + (tonumber(t:get("ok")) or 0)
    total_bad = total_bad + (tonumber(t:get("bad")) or 0)
  end
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "ok": %d, "bad": %d, "errors": %d, "timeouts": %d, ' ..
    '"p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    summary.requests, summary.duration / 1e6, total_ok, total_bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
