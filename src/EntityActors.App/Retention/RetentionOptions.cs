using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Retention;

/// <summary>Deleting entities: on request and, for ended ones, after a retention (section <c>EntityActors:Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "EntityActors:Retention";

    /// <summary>Whether ended entities (closed accounts, checked-out or expired carts) are purged after <see cref="EndedEntityRetention"/>.</summary>
    public bool PurgeEndedEntities { get; set; } = true;

    /// <summary>How long an ended entity is kept, counted from its last change.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan EndedEntityRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweep looks for ended entities past their retention (and forgets old read-model tombstones).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most entities one sweep deletes per kind; the rest wait for the next sweep.</summary>
    [Range(1, 100_000)]
    public int SweepBatchSize { get; set; } = 500;

    /// <summary>How long an erase waits for the entity's signal lane to stop, and again for its workflow to terminate.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sequences an erase reads (and deletes records of) per round trip.</summary>
    [Range(1, 1_000)]
    public int EraseBatchSize { get; set; } = 100;
}
