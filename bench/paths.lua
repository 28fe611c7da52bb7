-- wrk script: request a list of paths in turn, each thread its own share of them.
-- Arguments after `--`: the file of paths (one a line), the method, and for a POST
-- the file holding its form body. Every request carries the headers set below.
local counter = 0
local paths = {}
local method = "GET"
local body = nil
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  method = args[2] or "GET"
  if args[3] then
    local file = io.open(args[3], "rb")
    body = file:read("*a")
    file:close()
  end
  counter = offset or 0
end

function request()
  local path = paths[(counter % #paths) + 1]
  counter = counter + 2
  return wrk.format(method, path, nil, body)
end
