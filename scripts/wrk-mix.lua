-- wrk script for scripts/bench-http.sh: each connection walks the request
-- paths of the benchmark's query mix (one per line in $WRK_PATHS), starting
-- at a random place, so every request of the mix is in flight.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end
local i = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
