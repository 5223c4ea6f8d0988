namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>How far a signer can be trusted right now, from the product's own data (rules on <see cref="ISignerSecurityScorer"/>).</summary>
/// <param name="SubjectId">The signer.</param>
/// <param name="Score">The score, 0..1.</param>
/// <param name="Reasons">The codes of every deduction, in the order applied.</param>
/// <param name="Address">The reputation of the signer's address that went into the score.</param>
/// <param name="EvaluatedAt">When it was computed.</param>
public sealed record SignerSecurityAssessment(string SubjectId, double Score, IReadOnlyList<string> Reasons, AddressReputation Address, DateTimeOffset EvaluatedAt);
