using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Http;

/// <summary>
/// How large a request's target and headers may be (section <c>EntityActors:RequestLimits</c>): over them the app answers
/// 414 or 431 as a problem. The server's own limits, which answer with an empty body, are set to
/// <see cref="ServerCeilingFactor"/> times these, so only a request far over them meets the server's refusal.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "EntityActors:RequestLimits";

    /// <summary>How many times the app's limits the server's own are.</summary>
    public const int ServerCeilingFactor = 4;

    /// <summary>Longest request target (path and query, as sent) in bytes.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxTargetBytes { get; set; } = 8 * 1024;

    /// <summary>Most bytes of header names and values together (4 more per header for its separators).</summary>
    [Range(4 * 1024, 4 * 1024 * 1024)]
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Most headers in one request.</summary>
    [Range(16, 10_000)]
    public int MaxHeaderCount { get; set; } = 100;
}
