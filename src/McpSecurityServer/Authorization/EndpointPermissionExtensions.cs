namespace McpSecurity.Server.Authorization;

/// <summary>Declares what a REST endpoint needs; <see cref="PermissionEndpointFilter"/> enforces it.</summary>
internal static class EndpointPermissionExtensions
{
    /// <summary>The endpoint needs <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new RequiresPermissionAttribute(permission));
    }

    /// <summary>The endpoint needs an authenticated caller and no particular permission.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new RequiresCallerAttribute());
    }
}
