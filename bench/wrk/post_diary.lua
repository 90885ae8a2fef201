-- POST quick diary entries, each with a fresh idempotency key that names this run, the wrk
-- thread and a counter, so bench/http_tools.py can check afterwards that every accepted entry
-- was stored exactly once. BENCH_LUA_DATA holds:
--   return { nonce = 123, cookies = {"sessionid=...; csrftoken=...", ...}, csrf = "...",
--            path = "/diary/quick/", occurred_at = "2026-12-02T03:00" }
local data = dofile(os.getenv("BENCH_LUA_DATA"))
local cookies, n = data.cookies, #data.cookies
local threads, next_id = {}, 0
local id, counter, accepted, bad = 0, 0, 0, 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  id = tonumber(wrk.thread:get("id"))
end

function request()
  counter = counter + 1
  wrk.thread:set("sent", counter)
  local key = string.format("%08x-%04x-4000-8000-%012x", data.nonce, id, counter)
  local body = "csrfmiddlewaretoken=" .. data.csrf .. "&idempotency_key=" .. key ..
    "&emotion=sad&intensity=6&felt_safety=5&occurred_at=" .. data.occurred_at
  local headers = {
    ["Host"] = "127.0.0.1",
    ["Cookie"] = cookies[((counter * 7 + id) % n) + 1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  return wrk.format("POST", data.path, headers, body)
end

function response(status, headers, body)
  -- A saved entry redirects to its page (302); anything else was not accepted.
  if status == 302 then accepted = accepted + 1 else bad = bad + 1 end
  wrk.thread:set("accepted", accepted)
  wrk.thread:set("bad", bad)
end

function done(summary, latency, requests)
  local parts = {}
  local total_ok, total_bad = 0, 0
  for _, t in ipairs(threads) do
    local a, b = tonumber(t:get("accepted")) or 0, tonumber(t:get("bad")) or 0
    total_ok, total_bad = total_ok + a, total_bad + b
    table.insert(parts, string.format('"%s": [%d, %d]', t:get("id"), tonumber(t:get("sent")) or 0, a))
  end
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "ok": %d, "bad": %d, "errors": %d, "timeouts": %d, ' ..
    '"p50": %.3f, "p95": %.3f, "p99": %.3f, "threads": {%s}}\n',
    summary.requests, summary.duration / 1e6, total_ok, total_bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, table.concat(parts, ", ")))
end
