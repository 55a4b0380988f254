using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.History;

/// <summary>Paging of <c>GET /{kind}/{id}/history</c> (section <c>EntityActors:History</c>).</summary>
public sealed class HistoryOptions
{
    public const string Section = "EntityActors:History";

    [Range(1, 1_000)]
    public int DefaultPageSize { get; set; } = 20;

    [Range(1, 1_000)]
    public int MaxPageSize { get; set; } = 100;
}
