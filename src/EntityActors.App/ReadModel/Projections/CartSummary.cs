using EntityActors.Domain.Common;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>A cart at a glance: units and lines in it, their total (null while empty), its last activity.</summary>
public sealed record CartSummary(int ItemCount, int LineCount, Money? Total, DateTimeOffset? LastActivityAt);
