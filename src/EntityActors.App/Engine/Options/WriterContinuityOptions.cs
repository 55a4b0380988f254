using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Engine.Options;

/// <summary>
/// How a replica notices that its entity writers may have been written past by another replica's (section
/// <c>EntityActors:WriterContinuity</c>; see <see cref="SingleWriter.WriterContinuity"/>).
/// </summary>
public sealed class WriterContinuityOptions
{
    public const string Section = "EntityActors:WriterContinuity";

    /// <summary>How often a thread of its own notes that the process runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan BeatInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A longer gap between beats means the process stood still (frozen, suspended, a very long pause) and its writers
    /// reload what they hold. Below the time placement takes to hand a silent replica's entities over (seconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the sidecar is asked whether it still holds its place (connected to placement, host ready).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SidecarCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A sidecar that has not answered within this is taken to have lost its place until it answers again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SidecarCheckTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
