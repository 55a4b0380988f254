namespace EntityActors.App.ApiDocs;

/// <summary>
/// What the server (Kestrel) answers itself, before the app runs, with an empty body: any operation can get these, none
/// of them as a problem.
/// </summary>
public static class ServerAnswers
{
    /// <summary>Status → what it means; documented on every operation without content.</summary>
    public static IReadOnlyDictionary<int, string> Bare { get; } = new Dictionary<int, string>
    {
        [414] = "URI Too Long: the request line is over the server's limit. Answered by the server before the app runs, with an empty body.",
        [431] = "Request Header Fields Too Large: the headers are over the server's limit. Answered by the server before the app runs, with an empty body.",
    };

    /// <summary>Added to the 400 response: the one case where a 400 comes without a problem.</summary>
    public const string MalformedRequest =
        " A request the server cannot parse at all (e.g. a NUL character in the path) is refused before the app runs: 400 with an empty body.";
}
