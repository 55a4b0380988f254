namespace EntityActors.App.Operations;

/// <summary>
/// What a line's target must satisfy before the operation signals it. Checked by the activity that sends the line,
/// against the entity's own view.
/// </summary>
/// <param name="RequireExisting">The entity must have received a signal before: a bulk line never creates an entity.</param>
/// <param name="IdleSince">For carts: the cart's last activity must be at or before this instant (or the cart already expired).</param>
public sealed record LineGuard(bool RequireExisting, DateTimeOffset? IdleSince = null);
