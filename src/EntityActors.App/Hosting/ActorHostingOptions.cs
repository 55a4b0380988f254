namespace EntityActors.App.Hosting;

/// <summary>Actor runtime tunables (section <c>EntityActors:Actors</c>).</summary>
public sealed class ActorHostingOptions
{
    public const string Section = "EntityActors:Actors";

    /// <summary>An entity actor idle this long is deactivated; its state stays in the store.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);
}
