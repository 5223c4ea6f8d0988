namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>A server with two-factor enforcement on (the production default) and no SMS resend pause.</summary>
public sealed class TwoFactorServerFactory : AdminServerFactory
{
    public TwoFactorServerFactory()
    {
        Settings["TwoFactor:Enforce"] = "true";
        Settings["TwoFactor:Sms:ResendInterval"] = "00:00:00";
    }
}
