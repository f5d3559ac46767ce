namespace Dashboard.Verification;

/// <summary>What a reviewer entered in a decision dialog: a reason code (rejections) and a note or message.</summary>
public sealed record DecisionInput(string? Reason, string? Text);
