using System.ComponentModel;
using McpSecurity.SecurityCore.Tokens;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The key ring tools of the MCP face (admin only).</summary>
[McpServerToolType]
internal sealed partial class SigningKeyTools(ISigningKeyService keys, McpCallerResolver callers, ILogger<SigningKeyTools> logger)
{
    [McpServerTool(Name = "rotate_signing_key", Title = "Rotate the signing key", UseStructuredContent = true, OutputSchemaType = typeof(SigningKeyOutput),
        ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Creates a new active signing key (admin role only). The previous key stops signing and keeps verifying until the " +
        "last token it signed expires. Answers the new key's public facts.")]
    public Task<CallToolResult> RotateSigningKeyAsync(CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "rotate_signing_key", async () =>
        {
            var caller = await callers.RequireAdminAsync(cancellationToken);
            var key = keys.Rotate();
            LogRotated(logger, key.KeyId, caller.Subject);
            return SigningKeyOutput.From(key);
        });

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Signing key rotated over MCP: new key {KeyId} by {Subject}")]
    private static partial void LogRotated(ILogger logger, string keyId, string subject);
}
