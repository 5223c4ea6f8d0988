using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>
/// The global window of password spraying: failed logins by account and address, counting the accounts that have "few"
/// failures (1 to <c>maxPerAccount</c>) and the distinct addresses, updated as events enter and leave the window.
/// </summary>
internal sealed class SprayingWindow(int capacity)
{
    private readonly Queue<(SecurityEvent Event, string Account, string Address)> _entries = new();
    private readonly Dictionary<string, int> _perAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private int _few;

    /// <summary>Adds a failure; answers a sample of events, the sprayed accounts and the addresses when both thresholds are reached (the window then starts over).</summary>
    public (IReadOnlyList<SecurityEvent> Events, int Accounts, int Addresses)? Add(
        SecurityEvent securityEvent, string account, string address, DetectionPatternOptions options, int sampleSize)
    {
        var max = options.MaxAttemptsPerAccount;
        var from = securityEvent.OccurredAt - options.Window;
        while (_entries.Count > 0 && (_entries.Peek().Event.OccurredAt <= from || _entries.Count >= capacity))
        {
            var (_, oldAccount, oldAddress) = _entries.Dequeue();
            var count = _perAccount[oldAccount];
            if (count == max + 1)
            {
                _few++;
            }
            else if (count == 1)
            {
                _few--;
            }

            Decrement(_perAccount, oldAccount);
            Decrement(_perAddress, oldAddress);
        }

        _entries.Enqueue((securityEvent, account, address));
        var now = _perAccount.GetValueOrDefault(account) + 1;
        _perAccount[account] = now;
        _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
        if (now == 1)
        {
            _few++;
        }
        else if (now == max + 1)
        {
            _few--;
        }

        if (_few < options.Threshold || _perAddress.Count < options.MinDistinctAddresses)
        {
            return null;
        }

        var fired = ((IReadOnlyList<SecurityEvent>)[.. _entries.TakeLast(sampleSize).Select(e => e.Event)], _few, _perAddress.Count);
        _entries.Clear();
        _perAccount.Clear();
        _perAddress.Clear();
        _few = 0;
        return fired;
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        var count = counts[key] - 1;
        if (count == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = count;
        }
    }
}
