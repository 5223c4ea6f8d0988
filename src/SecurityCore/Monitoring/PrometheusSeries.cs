namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>The running figures of one series.</summary>
internal sealed class PrometheusSeries(PrometheusLabelSet labels, int bucketCount)
{
    /// <summary>Gets the labels of the series.</summary>
    public PrometheusLabelSet Labels { get; } = labels;

    private double _value;
    private double _sum;

    /// <summary>Gets the per-bucket counts (not cumulative); the last one is +Inf.</summary>
    public long[] Buckets { get; } = new long[bucketCount + 1];

    public double Value => Volatile.Read(ref _value);

    public double Sum => Volatile.Read(ref _sum);

    public void Add(double value) => AddTo(ref _value, value);

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Observe(double value, double[] bounds)
    {
        var index = bounds.Length;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (value <= bounds[i])
            {
                index = i;
                break;
            }
        }

        Interlocked.Increment(ref Buckets[index]);
        AddTo(ref _sum, value);
    }

    private static void AddTo(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
