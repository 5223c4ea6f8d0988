using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>Checks <see cref="HandoffWorkflowOptions"/> at start-up, naming the bad key.</summary>
internal sealed class HandoffWorkflowOptionsValidator : IValidateOptions<HandoffWorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffWorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxWriteAttempts is < 1 or > 100)
        {
            failures.Add("Handoff:MaxWriteAttempts must lie between 1 and 100.");
        }

        if (options.DefaultRequiredSignOffs.Distinct().Count() != options.DefaultRequiredSignOffs.Count)
        {
            failures.Add("Handoff:DefaultRequiredSignOffs must not name a role twice.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
