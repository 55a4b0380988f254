using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Engine.Options;

/// <summary>How queries wait (section <c>EntityActors:Queries</c>).</summary>
public sealed class QueryOptions
{
    public const string Section = "EntityActors:Queries";

    /// <summary>Longest a caller may ask to wait for a sequence or version.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a waiting query re-reads an entity whose single writer lives in another replica (the writer here
    /// wakes its waiters at once); grows by half each time up to <see cref="MaxPollInterval"/>.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(4);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest a read waits for the entity's single writer before answering from the workflow's status instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan WriterReadTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
