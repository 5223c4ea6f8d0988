using System.Text.Json;
using McpSecurity.Handoff;

namespace McpSecurity.Tests.Handoff.Serialization;

public sealed class HandoffEnumWireNameTests
{
    [Theory]
    [InlineData(typeof(HandoffReportStatus), "draft,submitted,under_review,approved,rejected,amendments_required")]
    [InlineData(typeof(Phase6ComponentStatus), "not_started,in_progress,completed,blocked,failed,verified")]
    [InlineData(typeof(ComponentType), "error_handling,api_contracts,retry_mechanisms,circuit_breaker,validation_layer,monitoring_hooks,security_enhancements,integration_tests")]
    [InlineData(typeof(SignOffRole), "developer,tech_lead,qa_engineer,security_reviewer,product_owner,architect")]
    [InlineData(typeof(SignOffDecision), "approved,rejected,conditional")]
    [InlineData(typeof(SignOffStatus), "pending,partially_approved,approved,rejected,not_required")]
    [InlineData(typeof(ReviewDecision), "approved,rejected,amendments_required")]
    [InlineData(typeof(Phase7ComponentType), "jwt_auth_service,rate_limiting_service,security_hardening,multi_role_auth,api_security,phase6_integration,security_monitoring,compliance_audit")]
    [InlineData(typeof(Phase7ComponentStatus), "pending,in_progress,completed,failed,blocked,under_review,signed_off")]
    [InlineData(typeof(AuthenticationState), "unauthenticated,authenticated,mfa_required,account_locked,suspended,expired")]
    [InlineData(typeof(AuthenticationMethod), "password,password_totp,password_sms,recovery_code,api_key,client_credentials,mtls,hmac_signature,clerk_session")]
    [InlineData(typeof(IPReputationLevel), "trusted,neutral,suspicious,malicious")]
    [InlineData(typeof(ComplianceOverallStatus), "compliant,partially_compliant,non_compliant,unknown")]
    public void Serialize_EveryValue_WritesTheContractNameAndReadsItBack(Type enumType, string expected)
    {
        var values = Enum.GetValues(enumType);
        var written = new List<string>();
        foreach (var value in values)
        {
            var json = JsonSerializer.Serialize(value, enumType, HandoffJson.Options);
            written.Add(JsonSerializer.Deserialize<string>(json)!);
            Assert.Equal(value, JsonSerializer.Deserialize(json, enumType, HandoffJson.Options));
        }

        Assert.Equal(expected.Split(','), written);
        Assert.Equal(expected.Split(','), HandoffEnumNames.Of(enumType));
    }
}
