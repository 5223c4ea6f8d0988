using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Detection;

/// <summary>The spraying window's figures as failures enter and leave it.</summary>
public sealed class SprayingWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly DetectionPatternOptions Options = new()
    {
        Threshold = 2, Window = TimeSpan.FromMinutes(10), MinDistinctAddresses = 2, MaxAttemptsPerAccount = 1,
    };

    [Fact]
    public void Add_AccountOverTheLimit_ItsAddressesCountOnlyWhileItIsFewAgain()
    {
        var window = new SprayingWindow(100);

        Assert.Null(Add(window, 0, "usr_a", "192.0.2.1"));
        Assert.Null(Add(window, 1, "usr_a", "192.0.2.2")); // usr_a has two failures: not sprayed, nor are its addresses
        Assert.Null(Add(window, 2, "usr_b", "198.51.100.1"));
        Assert.Null(Add(window, 3, "usr_c", "198.51.100.1")); // two sprayed accounts, but from one address

        // The first failure of usr_a leaves the window: usr_a is "few" again, from 192.0.2.2.
        var fired = Add(window, 600, "usr_d", "198.51.100.1");

        // The figures are of the sprayed accounts' failures: usr_a's from 192.0.2.2 is the first left.
        Assert.NotNull(fired);
        Assert.Equal((4, 2, 4L, Start.AddSeconds(1)), (fired.Value.Accounts, fired.Value.Addresses, fired.Value.Count, fired.Value.FirstSeen));
    }

    private static (IReadOnlyList<SecurityEvent> Events, int Accounts, int Addresses, long Count, DateTimeOffset FirstSeen)? Add(SprayingWindow window, int second, string account, string address) =>
        window.Add(new SecurityEvent
        {
            Type = SecurityEventTypes.LoginFailed, OccurredAt = Start.AddSeconds(second), Outcome = SecurityEventOutcomes.Failure, Address = address,
        }, account, address, Options, sampleSize: 20);
}
