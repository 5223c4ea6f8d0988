namespace McpSecurity.SecurityCore.Tokens;

/// <summary>What a revocation applies to.</summary>
public enum TokenRevocationTarget
{
    /// <summary>One access token by <c>jti</c>.</summary>
    AccessToken,
    /// <summary>A session (refresh token family and its access tokens).</summary>
    Session,
    /// <summary>Every token of a user or client issued until now.</summary>
    Subject,
    /// <summary>Every token signed by a key.</summary>
    SigningKey,
}
