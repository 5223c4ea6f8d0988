namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Issues signed access tokens (JWS, <c>typ: at+jwt</c>, RFC 9068) with the active key.</summary>
public interface IAccessTokenIssuer
{
    /// <summary>Issues an access token for <paramref name="descriptor"/>.</summary>
    IssuedAccessToken Issue(AccessTokenDescriptor descriptor);
}
