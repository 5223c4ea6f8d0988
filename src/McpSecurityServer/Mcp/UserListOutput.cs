using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Server.Mcp;

/// <summary>One page of users (<c>list_users</c>, <c>GET /api/v1/users</c>).</summary>
internal sealed record UserListOutput(
    [property: JsonPropertyName("users")] IReadOnlyList<UserOutput> Users,
    [property: JsonPropertyName("next_cursor"), Description("Pass as cursor for the next page; null on the last page.")] string? NextCursor,
    [property: JsonPropertyName("total"), Description("How many users match the filters, over all pages.")] int Total)
{
    public static UserListOutput From(UserListPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new UserListOutput([.. page.Users.Select(UserOutput.From)], page.NextCursor, page.Total);
    }
}
