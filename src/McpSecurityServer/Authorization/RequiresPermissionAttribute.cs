namespace McpSecurity.Server.Authorization;

/// <summary>Declares the permission an MCP tool or REST endpoint needs; the call is checked by <c>IPermissionChecker</c>.</summary>
/// <param name="permission">A permission of the catalogue (<c>SecurityCore.Authorization.Permissions</c>).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    /// <summary>Gets the permission.</summary>
    public string Permission { get; } = permission;
}
