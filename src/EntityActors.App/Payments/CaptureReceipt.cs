namespace EntityActors.App.Payments;

/// <summary>The gateway's answer to a capture: done now, done before (the key was seen), or refused because the payment was voided.</summary>
public sealed record CaptureReceipt(string Key, bool Duplicate, bool Voided);
