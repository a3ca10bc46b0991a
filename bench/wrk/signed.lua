-- Signs every request it sends, so each POST is a distinct, freshly signed build manifest.
-- Arguments after `--`: <scheme> <secret> [body bytes]
--   ecdrop  X-Ecdrop-Timestamp + X-Ecdrop-Signature: sha256=HMAC(secret, "<ts>.<body>")
--   github  X-Hub-Signature-256: sha256=HMAC(secret, body)   (what adnanh/webhook checks)
--   bad     a well-formed signature made with the wrong secret (every request is rejected)
-- HMAC-SHA256 comes from libcrypto through LuaJIT's FFI; wrk itself links libcrypto.
local ffi = require("ffi")
ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *md, const void *key, int key_len, const unsigned char *d,
                    size_t n, unsigned char *out, unsigned int *out_len);
]]
local ok, crypto = pcall(function() return ffi.load("crypto") end)
if not ok then crypto = ffi.C end

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

local out = ffi.new("unsigned char[32]")
local out_len = ffi.new("unsigned int[1]")

local function hmac_hex(key, message)
   crypto.HMAC(crypto.EVP_sha256(), key, #key, message, #message, out, out_len)
   local hex = {}
   for i = 0, 31 do hex[i + 1] = string.format("%02x", out[i]) end
   return table.concat(hex)
end

function init(args)
   scheme = args[1] or "ecdrop"
   secret = args[2] or "bench-secret"
   size = tonumber(args[3] or "1024")
   run_tag = string.format("%08x", math.floor(os.time()) % 0xffffffff)
   statuses = {}
   if scheme == "bad" then secret = secret .. "-wrong" end
end

local function body_for(n)
   local run = string.format("%s-%04x-4000-8000-%012x", run_tag, id, n)
   local head = '{"builds":[{"name":"win11-golden","builder_type":"qemu","build_time":'
      .. tostring(1767225600 + n) .. ',"files":[{"name":"output/win11-golden.vhd",'
      .. '"size":42949672960}],"artifact_id":"win11-golden-' .. run .. '",'
      .. '"packer_run_uuid":"' .. run .. '","custom_data":{"oss_object_path":'
      .. '"https://builds.oss-cn-hangzhou.aliyuncs.com/win11/' .. run .. '.vhd",'
      .. '"channel":"nightly","notes":"'
   local tail = '"}}],"last_run_uuid":"' .. run .. '"}'
   local pad = size - #head - #tail
   if pad < 0 then pad = 0 end
   return head .. string.rep("x", pad) .. tail
end

function request()
   counter = counter + 1
   local body = body_for(counter)
   local headers = { ["Content-Type"] = "application/json" }
   if scheme == "github" then
      headers["X-Hub-Signature-256"] = "sha256=" .. hmac_hex(secret, body)
   elseif scheme == "bad" then
      headers["X-Hub-Signature-256"] = "sha256=" .. hmac_hex(secret, body)
      local ts = tostring(os.time())
      headers["X-Ecdrop-Timestamp"] = ts
      headers["X-Ecdrop-Signature"] = "sha256=" .. hmac_hex(secret, ts .. "." .. body)
   else
      local ts = tostring(os.time())
      headers["X-Ecdrop-Timestamp"] = ts
      headers["X-Ecdrop-Signature"] = "sha256=" .. hmac_hex(secret, ts .. "." .. body)
   end
   return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local counts = {}
   for _, thread in ipairs(threads) do
      local seen = thread:get("statuses")
      for status, n in pairs(seen) do counts[status] = (counts[status] or 0) + n end
   end
   local parts = {}
   for status, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', status, n)) end
   local e = summary.errors
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
         .. '"max_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
         .. '"statuses":{%s}}\n',
      summary.requests, summary.duration, summary.bytes, latency:percentile(50),
      latency:percentile(90), latency:percentile(99), latency.max, e.connect, e.read, e.write,
      e.status, e.timeout, table.concat(parts, ",")))
end
