using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>
/// The global window of password spraying: failed logins by account and address, counting the accounts that have "few"
/// failures (1 to <c>maxPerAccount</c>) and the distinct addresses those failures came from, updated as events enter and
/// leave the window. An address that only failed against accounts with more failures (an ordinary user mistyping at
/// home) does not count.
/// </summary>
internal sealed class SprayingWindow(int capacity)
{
    private readonly Queue<(SecurityEvent Event, string Account, string Address)> _entries = new();
    private readonly Dictionary<string, int> _perAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _addressesOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sprayedFrom = new(StringComparer.Ordinal);
    private int _few;

    /// <summary>
    /// Adds a failure; when both thresholds are reached answers a sample of events, the sprayed accounts, their addresses,
    /// and how many failures against them there were since when (the window then starts over).
    /// </summary>
    public (IReadOnlyList<SecurityEvent> Events, int Accounts, int Addresses, long Count, DateTimeOffset FirstSeen)? Add(
        SecurityEvent securityEvent, string account, string address, DetectionPatternOptions options, int sampleSize)
    {
        var max = options.MaxAttemptsPerAccount;
        var from = securityEvent.OccurredAt - options.Window;
        while (_entries.Count > 0 && (_entries.Peek().Event.OccurredAt <= from || _entries.Count >= capacity))
        {
            var (_, oldAccount, oldAddress) = _entries.Dequeue();
            Leave(oldAccount, oldAddress, max);
        }

        _entries.Enqueue((securityEvent, account, address));
        Enter(account, address, max);
        if (_few < options.Threshold || _sprayedFrom.Count < options.MinDistinctAddresses)
        {
            return null;
        }

        var sprayed = _entries.Where(e => _perAccount[e.Account] <= max).ToList();
        var fired = ((IReadOnlyList<SecurityEvent>)[.. _entries.TakeLast(sampleSize).Select(e => e.Event)], _few, _sprayedFrom.Count,
            (long)sprayed.Count, sprayed[0].Event.OccurredAt);
        _entries.Clear();
        _perAccount.Clear();
        _addressesOf.Clear();
        _sprayedFrom.Clear();
        _few = 0;
        return fired;
    }

    private void Enter(string account, string address, int max)
    {
        if (!_addressesOf.TryGetValue(account, out var addresses))
        {
            _addressesOf[account] = addresses = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var before = _perAccount.GetValueOrDefault(account);
        Adjust(_perAccount, account, 1);
        if (before == max)
        {
            // One failure too many: the account is no longer sprayed, nor are its (at most max) failures' addresses.
            _few--;
            AddAll(addresses, -1);
        }
        else if (before < max)
        {
            _few += before == 0 ? 1 : 0;
            Adjust(_sprayedFrom, address, 1);
        }

        Adjust(addresses, address, 1);
    }

    private void Leave(string account, string address, int max)
    {
        var addresses = _addressesOf[account];
        var before = _perAccount[account];
        Adjust(_perAccount, account, -1);
        Adjust(addresses, address, -1);
        if (before <= max)
        {
            _few -= before == 1 ? 1 : 0;
            Adjust(_sprayedFrom, address, -1);
        }
        else if (before == max + 1)
        {
            // Back to "few": the addresses of its remaining failures count again.
            _few++;
            AddAll(addresses, 1);
        }

        if (addresses.Count == 0)
        {
            _addressesOf.Remove(account);
        }
    }

    private void AddAll(Dictionary<string, int> addresses, int sign)
    {
        foreach (var (address, count) in addresses)
        {
            Adjust(_sprayedFrom, address, sign * count);
        }
    }

    private static void Adjust(Dictionary<string, int> counts, string key, int delta)
    {
        var count = counts.GetValueOrDefault(key) + delta;
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
