-- pipeline.lua: wrk script that sends DEPTH requests in one write and reads DEPTH responses
-- (HTTP/1.1 pipelining). wrk counts every response; its latency figures are per batch.
-- Usage: wrk -s bench/peers/pipeline.lua http://127.0.0.1:PORT -- [depth, default 16] [path, default /hello]
local batch

init = function(args)
    local depth = tonumber(args[1]) or 16
    local path = args[2] or "/hello"
    local requests = {}
    for i = 1, depth do
        requests[i] = wrk.format("GET", path)
    end
    batch = table.concat(requests)
end

request = function()
    return batch
end
