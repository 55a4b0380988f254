namespace EntityActors.App.ApiDocs;

/// <summary>Which operations can answer with a problem code, so the API document shows it where it can occur.</summary>
[Flags]
public enum ProblemScope
{
    Signal = 1,
    Read = 2,
    Checkout = 4,
    Delete = 16,

    /// <summary>The bulk operations (<c>/{kind}/bulk/*</c>) and their progress (<c>/operations/{id}</c>).</summary>
    Operation = 32,
    Any = Signal | Read | Checkout | Delete | Operation,

    /// <summary>Only the sidecar's calls to the app (<c>/dapr/*</c>, <c>/actors/*</c>): listed, shown on no operation.</summary>
    Callback = 8,
}
