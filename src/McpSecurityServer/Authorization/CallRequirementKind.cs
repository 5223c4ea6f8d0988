namespace McpSecurity.Server.Authorization;

/// <summary>The kinds of <see cref="CallRequirement"/>.</summary>
internal enum CallRequirementKind
{
    /// <summary>Nothing was declared: refused (fail closed).</summary>
    Undeclared,
    /// <summary>Works without a caller.</summary>
    Anonymous,
    /// <summary>Needs an authenticated caller.</summary>
    Caller,
    /// <summary>Needs an authenticated caller holding a permission.</summary>
    Permission,
}
