namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// The three algorithms on plain state, in microseconds. The Redis scripts (<see cref="RedisRateLimitScripts"/>) do the
/// same arithmetic in Lua, step for step, so both stores answer alike.
/// </summary>
internal static class RateLimitMath
{
    /// <summary>GCRA (redis-cell): <paramref name="tat"/> is the theoretical arrival time, 0 for a key never seen.</summary>
    /// <remarks>
    /// A stored arrival time past <c>now + tolerance</c> can only come from a stricter policy than the one in force (a
    /// longer period or a runtime override since removed): it is lowered to an empty allowance of this policy, so after
    /// loosening a policy a key counted under the old one waits one interval of the new one, not out the old rate.
    /// </remarks>
    public static RateLimitOutcome Gcra(ref long tat, long now, long emissionInterval, int burst, int cost, bool dryRun)
    {
        var tolerance = emissionInterval * burst;
        var ceiling = now + tolerance;
        if (tat > ceiling && !dryRun)
        {
            // Kept, refused or not: the next request then waits one interval of this policy, not of the stricter one.
            tat = ceiling;
        }

        var start = Math.Max(Math.Min(tat, ceiling), now);
        var newTat = start + (emissionInterval * cost);
        var allowAt = newTat - tolerance;
        if (now < allowAt)
        {
            var left = (now - (start - tolerance)) / emissionInterval;
            return new RateLimitOutcome(false, (int)Math.Max(0, left), allowAt - now, start - now);
        }

        if (!dryRun)
        {
            tat = newTat;
        }

        return new RateLimitOutcome(true, (int)((now - allowAt) / emissionInterval), 0, (dryRun ? start : newTat) - now);
    }

    /// <summary>Fixed window: <paramref name="window"/> is the epoch-aligned window index, <paramref name="count"/> its count.</summary>
    public static RateLimitOutcome FixedWindow(ref long window, ref long count, long now, long period, int limit, int cost, bool dryRun)
    {
        var current = now / period;
        if (window != current)
        {
            window = current;
            count = 0;
        }

        var resetAfter = ((current + 1) * period) - now;
        if (count + cost > limit)
        {
            return new RateLimitOutcome(false, (int)Math.Max(0, limit - count), resetAfter, resetAfter);
        }

        var after = count + cost;
        if (!dryRun)
        {
            count = after;
        }

        return new RateLimitOutcome(true, (int)(limit - after), 0, resetAfter);
    }

    /// <summary>Sliding window counter: the previous window's count weighted by the part of it still inside the sliding window.</summary>
    public static RateLimitOutcome SlidingWindow(ref long window, ref long current, ref long previous, long now, long period, int limit, int cost, bool dryRun)
    {
        var index = now / period;
        if (window != index)
        {
            previous = window == index - 1 ? current : 0;
            current = 0;
            window = index;
        }

        var elapsed = now - (index * period);
        var estimate = SlidingEstimate(previous, current, elapsed, period);
        if (estimate + cost > limit)
        {
            var retry = SlidingRetryAfter(previous, current, elapsed, period, limit, cost);
            return new RateLimitOutcome(false, (int)Math.Max(0, Math.Floor(limit - estimate)), retry, SlidingResetAfter(previous, current, elapsed, period));
        }

        var after = current + cost;
        if (!dryRun)
        {
            current = after;
        }

        var remaining = (int)Math.Max(0, Math.Floor(limit - (estimate + cost)));
        return new RateLimitOutcome(true, remaining, 0, SlidingResetAfter(previous, after, elapsed, period));
    }

    /// <summary>The weighted count: previous * (period - elapsed) / period + current.</summary>
    public static double SlidingEstimate(long previous, long current, long elapsed, long period) =>
        (previous * ((double)(period - elapsed) / period)) + current;

    private static long SlidingRetryAfter(long previous, long current, long elapsed, long period, int limit, int cost)
    {
        var room = limit - cost - current;
        if (room >= 0 && previous > 0)
        {
            // Inside this window: wait until the previous window's weight has shrunk enough.
            var at = Math.Ceiling(period * (1 - ((double)room / previous)));
            return Math.Max(1, (long)at - elapsed);
        }

        // In the next window this window's count becomes the weighted one.
        var next = current > 0 ? Math.Max(0, (long)Math.Ceiling(period * (1 - ((double)(limit - cost) / current)))) : 0;
        return Math.Max(1, period - elapsed + next);
    }

    private static long SlidingResetAfter(long previous, long current, long elapsed, long period) =>
        current > 0 ? (2 * period) - elapsed : previous > 0 ? period - elapsed : 0;
}
