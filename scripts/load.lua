-- The query mix of scripts/load.sh: the JSON API and the server-rendered
-- page, single words common and rare, phrases, exclusions, facet filters,
-- date ranges, other orders, later pages and facet type-ahead. Each
-- connection walks the list from its own starting point.
local paths = {
  "/api/search?q=oil",
  "/api/search?q=trade",
  "/?q=health+care",
  "/api/search?q=%22Open+RAN%22&org=KDDI",
  "/api/search?q=bank&sort=newest",
  "/api/search?q=senator&page=2",
  "/api/search?q=export+controls",
  "/api/search?q=tax+-income",
  "/api/search?q=wheat+OR+corn",
  "/api/search?q=semiconductor&place=Japan",
  "/api/search?place=United+States&from=1987-01-01&to=1987-12-31",
  "/?q=iraq&sort=oldest",
  "/api/search?q=energy&from=2005&to=2008",
  "/api/search?q=title:budget",
  "/api/facets/organizations?prefix=Se",
  "/api/search",
  "/?q=veterans",
  "/api/search?q=tonnes&size=50",
  "/api/search?q=%22health+insurance%22",
  "/api/search?q=5G&org=Ministry+of+Science+and+ICT",
}

local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 7
end

local i = 0
function request()
  i = i + 1
  local p = paths[((i + offset) % #paths) + 1]
  return wrk.format("GET", p)
end
