namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Parses and checks OAuth scope strings (RFC 6749 section 3.3).</summary>
internal static class ScopeParser
{
    /// <summary>Gets whether <paramref name="scope"/> is one scope token: %x21 / %x23-5B / %x5D-7E, non-empty.</summary>
    public static bool IsValidScopeToken(string? scope)
    {
        if (string.IsNullOrEmpty(scope))
        {
            return false;
        }

        foreach (var c in scope)
        {
            if (c < '\x21' || c > '\x7E' || c == '"' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a space separated scope string; false when a token is invalid.</summary>
    public static bool TryParse(string? scope, out List<string> scopes)
    {
        scopes = [];
        if (string.IsNullOrWhiteSpace(scope))
        {
            return true;
        }

        foreach (var part in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsValidScopeToken(part))
            {
                return false;
            }

            if (!scopes.Contains(part, StringComparer.Ordinal))
            {
                scopes.Add(part);
            }
        }

        return true;
    }
}
