namespace EntityActors.App.Checkouts;

/// <summary>Input of <see cref="PublishMilestoneActivity"/>: a step reached by a checkout.</summary>
public sealed record CheckoutMilestone(string CheckoutId, string CartId, string Milestone, string? Reason, DateTimeOffset At);
