using System.Security.Cryptography;
using System.Text;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// The Lua scripts of the Redis store: one per algorithm, each one atomic check of one key, the same arithmetic as
/// <see cref="RateLimitMath"/>. Times are Unix microseconds; numbers are written with <c>%.0f</c> so they keep every digit.
/// Each returns <c>{allowed, remaining, retry_after, reset_after}</c>. Keys live one second past the moment they stop
/// mattering, so an instance whose clock runs a little behind does not find a counter gone that it still needs.
/// </summary>
internal static class RedisRateLimitScripts
{
    /// <summary>GCRA. KEYS[1] holds the theoretical arrival time. ARGV: now, emission interval, burst, cost, dry run (1/0).</summary>
    public const string Gcra = """
        local now = tonumber(ARGV[1])
        local interval = tonumber(ARGV[2])
        local burst = tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local dry = ARGV[5] == '1'
        local tolerance = interval * burst
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat > now + tolerance then
          tat = now + tolerance
          if not dry then
            redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.ceil(tolerance / 1000) + 1000)
          end
        end
        local start = math.max(tat, now)
        local new_tat = start + interval * cost
        local allow_at = new_tat - tolerance
        if now < allow_at then
          local left = math.floor((now - (start - tolerance)) / interval)
          if left < 0 then left = 0 end
          return {0, left, allow_at - now, start - now}
        end
        if dry then
          return {1, math.floor((now - allow_at) / interval), 0, start - now}
        end
        redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
        return {1, math.floor((now - allow_at) / interval), 0, new_tat - now}
        """;

    /// <summary>Fixed window. KEYS[1] counts the window. ARGV: now, period, limit, cost, dry run, window index.</summary>
    public const string FixedWindow = """
        local now = tonumber(ARGV[1])
        local period = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local dry = ARGV[5] == '1'
        local window = tonumber(ARGV[6])
        local reset = (window + 1) * period - now
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        if count + cost > limit then
          local left = limit - count
          if left < 0 then left = 0 end
          return {0, left, reset, reset}
        end
        if not dry then
          redis.call('INCRBY', KEYS[1], cost)
          redis.call('PEXPIRE', KEYS[1], math.ceil(reset / 1000) + 1000)
        end
        return {1, limit - count - cost, 0, reset}
        """;

    /// <summary>Sliding window counter. KEYS[1] counts the current window, KEYS[2] the previous. ARGV as for the fixed window.</summary>
    public const string SlidingWindow = """
        local now = tonumber(ARGV[1])
        local period = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local dry = ARGV[5] == '1'
        local window = tonumber(ARGV[6])
        local elapsed = now - window * period
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
        local estimate = previous * ((period - elapsed) / period) + current
        local function reset_after(cur)
          if cur > 0 then return 2 * period - elapsed end
          if previous > 0 then return period - elapsed end
          return 0
        end
        if estimate + cost > limit then
          local retry
          local room = limit - cost - current
          if room >= 0 and previous > 0 then
            retry = math.ceil(period * (1 - room / previous)) - elapsed
          else
            local nxt = 0
            if current > 0 then
              nxt = math.ceil(period * (1 - (limit - cost) / current))
              if nxt < 0 then nxt = 0 end
            end
            retry = period - elapsed + nxt
          end
          if retry < 1 then retry = 1 end
          local left = math.floor(limit - estimate)
          if left < 0 then left = 0 end
          return {0, left, retry, reset_after(current)}
        end
        if not dry then
          redis.call('INCRBY', KEYS[1], cost)
          redis.call('PEXPIRE', KEYS[1], math.ceil((2 * period - elapsed) / 1000) + 1000)
        end
        local left = math.floor(limit - (estimate + cost))
        if left < 0 then left = 0 end
        return {1, left, 0, reset_after(current + cost)}
        """;

    /// <summary>Returns the SHA-1 Redis names a script by (for EVALSHA).</summary>
    public static byte[] Sha1Of(string script)
    {
#pragma warning disable CA5350 // SHA-1 is how Redis names scripts (EVALSHA); it protects nothing here.
        return SHA1.HashData(Encoding.UTF8.GetBytes(script));
#pragma warning restore CA5350
    }
}
