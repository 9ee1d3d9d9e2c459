-- wrk script: POST a rotating set of CDS Hooks bodies; with a token file, each request carries a fresh
-- JWT (tokens are split between wrk threads so none is sent twice). Arguments after "--":
--   <bodies file: one JSON body per line> <path> <tokens file: one JWT per line, or -> <wrk threads>
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1]) do table.insert(bodies, line) end
  path = args[2]
  tokens = {}
  local nthreads = tonumber(args[4]) or 1
  if args[3] ~= "-" then
    local n = 0
    for line in io.lines(args[3]) do
      if n % nthreads == tid then table.insert(tokens, line) end
      n = n + 1
    end
  end
end

function request()
  counter = counter + 1
  local index = (counter % #bodies) + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Body-Index"] = tostring(index - 1) }
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[((counter - 1) % #tokens) + 1]
  end
  return wrk.format("POST", path, headers, bodies[index])
end

function done(summary, latency, requests)
  io.write(string.format("STATUS_ERRORS %d\n", summary.errors.status))
end
