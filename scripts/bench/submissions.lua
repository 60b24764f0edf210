-- wrk script: POST a JSON form submission with a unique e-mail and submissionId per request (new lead every time).
-- Prints one machine-readable RESULT line at the end.
local counter = 0
local threads = {}
local started = 0

-- setup runs in the main Lua state; thread:set makes `thread_id` a global of that thread's own state. (A `local` of
-- the same name here would shadow it in every thread, giving all threads the same prefix: the same people twice.)
function setup(thread)
  started = started + 1
  thread:set("thread_id", started)
  table.insert(threads, thread)
end

function init(args)
  assert(thread_id, "setup did not number this thread")
  math.randomseed(os.time() + thread_id * 7919)
  prefix = string.format("%d-%d-%d", os.time(), thread_id, math.random(1, 1000000000))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local id = prefix .. "-" .. counter
  local body = '{"email":"bench-' .. id .. '@example.com","firstName":"Ada","lastName":"Lovelace",' ..
    '"company":"Analytical Engines Ltd","jobTitle":"VP Engineering","country":"GB","employees":"250",' ..
    '"consent":"true","utm_campaign":"spring-launch","submissionId":"' .. id .. '"}'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
