using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Hosting;

/// <summary>Names of the Dapr components the app uses (section <c>EntityActors:Dapr</c>): configuration, not literals.</summary>
public sealed class DaprComponentsOptions
{
    public const string Section = "EntityActors:Dapr";

    [Required]
    public string StateStore { get; set; } = "statestore";

    [Required]
    public string PubSub { get; set; } = "pubsub";
}
