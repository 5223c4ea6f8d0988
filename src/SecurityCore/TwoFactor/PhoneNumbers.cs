using System.Text.RegularExpressions;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>E.164 phone numbers: normalisation, validation and masking for display.</summary>
internal static partial class PhoneNumbers
{
    /// <summary>The rule text, for error messages.</summary>
    public const string Rule = "an E.164 number: '+', a country code and the subscriber number, 8 to 15 digits in all (for example +447700900123)";

    /// <summary>
    /// Returns the E.164 form of <paramref name="input"/> (spaces, dots, hyphens and parentheses removed), or null when it
    /// is not '+' followed by 8 to 15 digits starting with 1-9.
    /// </summary>
    public static string? Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length > 32)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[input.Length];
        var length = 0;
        foreach (var c in input.AsSpan().Trim())
        {
            if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }

            buffer[length++] = c;
        }

        var candidate = new string(buffer[..length]);
        return E164().IsMatch(candidate) ? candidate : null;
    }

    /// <summary>Masks all but the '+', the first two and the last three digits: <c>+447700900123</c> becomes <c>+44*******123</c>.</summary>
    public static string Mask(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        const int shownStart = 3;
        const int shownEnd = 3;
        if (e164.Length <= shownStart + shownEnd)
        {
            return new string('*', e164.Length);
        }

        return string.Concat(e164.AsSpan(0, shownStart), new string('*', e164.Length - shownStart - shownEnd), e164.AsSpan(e164.Length - shownEnd));
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
