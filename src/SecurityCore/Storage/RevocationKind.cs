namespace McpSecurity.SecurityCore.Storage;

/// <summary>What a <see cref="RevocationEntry"/> revokes.</summary>
public enum RevocationKind
{
    /// <summary>One access token by its <c>jti</c>.</summary>
    AccessToken,
    /// <summary>Every token of a session (<c>sid</c>).</summary>
    Session,
    /// <summary>Every token of a subject issued before the entry's time ("not before").</summary>
    Subject,
    /// <summary>Every token signed by a key (<c>kid</c>).</summary>
    SigningKey,
}
