namespace McpSecurity.Server.Hosting;

/// <summary>Raises the thread pool's minimum worker threads before the server starts.</summary>
/// <remarks>
/// Password hashing (Argon2id, about 60 ms of CPU) runs synchronously on pool threads. With the default minimum (one per
/// core), a burst of logins occupies every thread and the pool grows by about one thread per half second, so the
/// continuations of Redis rate-limit checks wait past their timeout and fail-closed policies answer 503. StackExchange.Redis
/// recommends a higher minimum for exactly this; threads beyond the minimum are still created on demand.
/// </remarks>
internal static class ThreadPoolFloor
{
    /// <summary>Worker threads per processor kept ready.</summary>
    public const int WorkersPerProcessor = 16;

    /// <summary>Raises the minimum worker threads to <see cref="WorkersPerProcessor"/> per processor unless it is higher already.</summary>
    public static void Apply()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var floor = Environment.ProcessorCount * WorkersPerProcessor;
        if (workers < floor)
        {
            ThreadPool.SetMinThreads(floor, completionPorts);
        }
    }
}
