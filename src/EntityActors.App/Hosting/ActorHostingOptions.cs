namespace EntityActors.App.Hosting;

/// <summary>Actor runtime tunables (section <c>EntityActors:Actors</c>).</summary>
public sealed class ActorHostingOptions
{
    public const string Section = "EntityActors:Actors";

    /// <summary>An entity actor idle this long is deactivated; its state stays in the store.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the sidecar lets calls in progress on an actor finish before it gives the actor up to another replica
    /// (placement moving entities). Short: a writer's turn takes milliseconds, and while the sidecar drains, placement's
    /// table change waits for it on every replica.
    /// </summary>
    public TimeSpan DrainOngoingCallTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
