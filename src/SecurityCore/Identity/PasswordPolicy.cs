using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// NIST SP 800-63B password rules: length in Unicode code points (15, 16 for privileged roles, at most 128 by default),
/// every printable character allowed, no composition rules, a blocklist of common and breached passwords, trivial
/// patterns, and context words (username, e-mail name, product name).
/// </summary>
/// <remarks>Messages name the rule that failed and never echo the password.</remarks>
internal sealed class PasswordPolicy : IPasswordPolicy
{
    private static readonly string[] ProductWords = ["mcpsecurity", "mcp security", "mcp-security", "mcpsec"];
    private static readonly char[] AppendedCharacters = "0123456789!@#$%^&*()?=<>[]{}|".ToCharArray();
    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t._-+/\\,;:'\"`~");

    private readonly PasswordPolicyOptions _options;
    private readonly PasswordBlocklist _blocklist;
    private readonly IReadOnlySet<string> _privilegedRoles;
    private readonly string[] _blockedWords;

    /// <summary>Creates the policy with the shipped blocklist.</summary>
    public PasswordPolicy(IOptions<PasswordPolicyOptions> options)
        : this(options, PasswordBlocklist.Default)
    {
    }

    /// <summary>Creates the policy with a given blocklist.</summary>
    internal PasswordPolicy(IOptions<PasswordPolicyOptions> options, PasswordBlocklist blocklist)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(blocklist);
        _options = options.Value;
        var validation = new PasswordPolicyOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(PasswordPolicyOptions.SectionName, typeof(PasswordPolicyOptions), validation.Failures);
        }

        _blocklist = blocklist;
        _privilegedRoles = new HashSet<string>(_options.PrivilegedRoles ?? PasswordPolicyOptions.DefaultPrivilegedRoles, StringComparer.OrdinalIgnoreCase);
        _blockedWords = [.. (_options.BlockedWords ?? []).Select(Compact).Where(w => w.Length >= 3)];
    }

    /// <inheritdoc />
    public string? Check(string password, IReadOnlyList<string> roles, IReadOnlyList<string> contextWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(contextWords);

        var length = 0;
        var distinct = new HashSet<int>();
        var remaining = password.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != OperationStatus.Done)
            {
                return "Password contains invalid Unicode (an unpaired surrogate).";
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
            {
                return "Password must not contain control characters such as tabs or line breaks.";
            }

            length++;
            distinct.Add(rune.Value);
            remaining = remaining[consumed..];
        }

        var privilegedRole = roles.FirstOrDefault(_privilegedRoles.Contains);
        var minimum = privilegedRole is null ? _options.MinimumLength : _options.PrivilegedMinimumLength;
        if (length < minimum)
        {
            return privilegedRole is null
                ? $"Password must be at least {minimum} characters long (it has {length}); a passphrase of several words is easiest."
                : $"Password must be at least {minimum} characters long for an account with the privileged role '{privilegedRole}' (it has {length}).";
        }

        if (length > _options.MaximumLength)
        {
            return $"Password must be at most {_options.MaximumLength} characters long (it has {length}).";
        }

        var lower = password.ToLowerInvariant();
        var compact = Compact(lower);
        if (_blocklist.Contains(lower) || _blocklist.Contains(compact))
        {
            return "Password is on the list of common or breached passwords; choose a less predictable passphrase.";
        }

        var core = compact.Trim(AppendedCharacters);
        if (core.Length >= 4 && core.Length < compact.Length && (_blocklist.Contains(core) || IsRepetitionOfBlocked(core)))
        {
            return "Password is a common password with digits or symbols added; choose a less predictable passphrase.";
        }

        if (IsRepetitionOfBlocked(compact))
        {
            return "Password repeats a common password; choose a less predictable passphrase.";
        }

        if (distinct.Count < 5 || IsShortRepetition(compact) || IsRun(compact))
        {
            return "Password is a repeated character, a repeated short sequence or a run such as 'abcd...' or '1234...'.";
        }

        foreach (var word in contextWords)
        {
            var w = Compact(word ?? string.Empty);
            if (w.Length >= 4 && compact.Contains(w, StringComparison.Ordinal))
            {
                return "Password must not contain the username or the e-mail name.";
            }
        }

        if (ProductWords.Select(Compact).Any(w => compact.Contains(w, StringComparison.Ordinal)))
        {
            return "Password must not contain the product name.";
        }

        if (_blockedWords.Any(w => compact.Contains(w, StringComparison.Ordinal)))
        {
            return $"Password must not contain a word blocked by {PasswordPolicyOptions.SectionName}:BlockedWords.";
        }

        return null;
    }

    /// <summary>Lower-cases and removes spaces and separators, so "Correct-Horse" and "correcthorse" compare alike.</summary>
    internal static string Compact(string value)
    {
        var lower = value.ToLowerInvariant();
        if (lower.AsSpan().IndexOfAny(Separators) < 0)
        {
            return lower;
        }

        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!Separators.Contains(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private bool IsRepetitionOfBlocked(string value) =>
        SmallestPeriod(value) is { } period && period < value.Length && _blocklist.Contains(value[..period]);

    private static bool IsShortRepetition(string value) =>
        SmallestPeriod(value) is { } period && period <= 5 && period < value.Length;

    private static int? SmallestPeriod(string value)
    {
        for (var period = 1; period <= value.Length / 2; period++)
        {
            if (value.Length % period != 0)
            {
                continue;
            }

            var repeats = true;
            for (var i = period; i < value.Length && repeats; i++)
            {
                repeats = value[i] == value[i - period];
            }

            if (repeats)
            {
                return period;
            }
        }

        return null;
    }

    private static bool IsRun(string value)
    {
        if (value.Length < 3)
        {
            return false;
        }

        foreach (var step in new[] { 1, -1 })
        {
            var run = true;
            for (var i = 1; i < value.Length && run; i++)
            {
                var previous = value[i - 1];
                var current = value[i];
                run = char.IsAsciiDigit(previous) && char.IsAsciiDigit(current)
                    ? (previous - '0' + step + 10) % 10 == current - '0'
                    : current - previous == step;
            }

            if (run)
            {
                return true;
            }
        }

        return false;
    }
}
