using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Hosting;

/// <summary>Pub/sub topic names (section <c>EntityActors:Topics</c>).</summary>
public sealed class TopicOptions
{
    public const string Section = "EntityActors:Topics";

    /// <summary>Inbound: signals sent over pub/sub instead of HTTP.</summary>
    [Required]
    public string Signals { get; set; } = "signals";

    /// <summary>Outbound: checkout milestones.</summary>
    [Required]
    public string Checkouts { get; set; } = "checkouts";

    /// <summary>Outbound domain events go to one topic per kind: this prefix followed by the kind (<c>carts</c>, …).</summary>
    public string EntityEventsPrefix { get; set; } = string.Empty;

    public string EntityEvents(string kind) => EntityEventsPrefix + kind;
}
