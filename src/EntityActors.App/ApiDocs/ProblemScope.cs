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

    /// <summary>The read model's admin endpoints (<c>/admin/*</c>): only what any request can answer.</summary>
    Admin = 128,
    Any = Signal | Read | Checkout | Delete | Operation | Admin,

    /// <summary>Only the sidecar's calls to the app (<c>/dapr/*</c>, <c>/actors/*</c>): listed, shown on no operation.</summary>
    Callback = 8,
}
