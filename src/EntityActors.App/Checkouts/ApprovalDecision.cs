namespace EntityActors.App.Checkouts;

/// <summary>The external event a checkout waiting for approval receives.</summary>
public sealed record ApprovalDecision(bool Approved, string By, string? Comment);
