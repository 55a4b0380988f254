using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Hosting;

/// <summary>Names of the Dapr components the app uses (section <c>EntityActors:Dapr</c>): configuration, not literals.</summary>
public sealed class DaprComponentsOptions
{
    public const string Section = "EntityActors:Dapr";

    /// <summary>The workflows' and actors' store (<c>actorStateStore</c>); the app itself only checks that it answers.</summary>
    [Required]
    public string StateStore { get; set; } = "statestore";

    /// <summary>
    /// The app's own records: idempotency keys, signal envelopes, entity heads, outcome records. May name the same
    /// component as <see cref="StateStore"/>; a component of its own keeps an embedded SQLite default's intake from
    /// waiting on the file the sidecar saves workflow turns to (SQLite lets one writer at a time into a file).
    /// </summary>
    [Required]
    public string EntityStore { get; set; } = "entitystore";

    [Required]
    public string PubSub { get; set; } = "pubsub";
}
