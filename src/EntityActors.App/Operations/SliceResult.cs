namespace EntityActors.App.Operations;

/// <summary>What one activity call did with its lines. The failures themselves are stored under <see cref="FailureRecord"/>.</summary>
/// <param name="FailureRecord">First position of the slice when some of its lines failed (the key of their stored record), else null.</param>
public sealed record SliceResult(int Done, int Failed, int? FailureRecord);
