using System.Security.Cryptography;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The answer of <see cref="ClerkJwksProvider.GetKeyAsync"/>: the RSA public key for a <c>kid</c>, none, or Clerk unreachable.</summary>
/// <param name="Key">The RSA public key parameters when found.</param>
/// <param name="Unavailable">True when no usable JWKS could be had (the key may exist; try again later).</param>
internal readonly record struct ClerkSigningKeyLookup(RSAParameters? Key, bool Unavailable);
