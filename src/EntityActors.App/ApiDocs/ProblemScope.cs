namespace EntityActors.App.ApiDocs;

/// <summary>Which operations can answer with a problem code, so the API document shows it where it can occur.</summary>
[Flags]
public enum ProblemScope
{
    Signal = 1,
    Read = 2,
    Checkout = 4,
    Delete = 16,
    Any = Signal | Read | Checkout | Delete,

    /// <summary>Only the sidecar's calls to the app (<c>/dapr/*</c>, <c>/actors/*</c>): listed, shown on no operation.</summary>
    Callback = 8,
}
