using Microsoft.AspNetCore.Authorization;

namespace McpSecurity.Server.Authorization;

/// <summary>What a tool or endpoint declared: nothing, an authenticated caller, or a permission.</summary>
/// <param name="Kind">The kind of requirement.</param>
/// <param name="Permission">The permission when <paramref name="Kind"/> is <see cref="CallRequirementKind.Permission"/>.</param>
internal readonly record struct CallRequirement(CallRequirementKind Kind, string? Permission)
{
    /// <summary>Reads the declaration from tool or endpoint metadata; <see cref="CallRequirementKind.Undeclared"/> when there is none.</summary>
    public static CallRequirement From(IEnumerable<object> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        CallRequirement? found = null;
        foreach (var item in metadata)
        {
            // The last declaration wins, as ASP.NET Core metadata does (endpoint over group).
            found = item switch
            {
                RequiresPermissionAttribute permission => new CallRequirement(CallRequirementKind.Permission, permission.Permission),
                RequiresCallerAttribute => new CallRequirement(CallRequirementKind.Caller, null),
                AllowsAnonymousCallAttribute or IAllowAnonymous => new CallRequirement(CallRequirementKind.Anonymous, null),
                _ => found,
            };
        }

        return found ?? new CallRequirement(CallRequirementKind.Undeclared, null);
    }
}
