namespace EntityActors.App.ApiDocs;

/// <summary>
/// What the server (Kestrel) answers itself, before the app runs, with an empty body: any operation can get these, none
/// of them as a problem.
/// </summary>
public static class ServerAnswers
{
    /// <summary>Status → what the server answers with an empty body; added to the status's description on every operation.</summary>
    public static IReadOnlyDictionary<int, string> Bare { get; } = new Dictionary<int, string>
    {
        [400] = " A request the server cannot parse at all (e.g. a NUL character in the path) is refused before the app runs: 400 with an empty body.",
        [414] = $" A target over {Http.RequestLimitsOptions.ServerCeilingFactor} times the limit is refused by the server before the app runs, with an empty body.",
        [431] = $" Headers over {Http.RequestLimitsOptions.ServerCeilingFactor} times a limit are refused by the server before the app runs, with an empty body.",
    };
}
