-- wrk-spread.lua -- gives each wrk thread its own target address, round robin over the
-- addresses in the environment variable TARGETS ("10.0.0.6 10.0.0.7 ..."; port from PORT, 80),
-- so that `wrk -t N` with N = number of targets spreads its connections evenly over them, the
-- way a load balancer in front of the same targets would. Used by mesh-vs-direct-vs-haproxy.sh
-- for the "direct" path (straight to the tasks' IPs, no proxy).
local addrs = nil
local next_index = 0

function setup(thread)
  if addrs == nil then
    addrs = {}
    local port = os.getenv("PORT") or "80"
    for host in string.gmatch(os.getenv("TARGETS") or "", "%S+") do
      for _, addr in ipairs(wrk.lookup(host, port)) do
        table.insert(addrs, addr)
      end
    end
    if #addrs == 0 then
      error("wrk-spread.lua: TARGETS names no address")
    end
  end
  next_index = next_index % #addrs + 1
  thread.addr = addrs[next_index]
end
