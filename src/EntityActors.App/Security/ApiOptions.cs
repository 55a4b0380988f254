namespace EntityActors.App.Security;

/// <summary>Access to the product's own HTTP API (section <c>EntityActors:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "EntityActors:Api";

    /// <summary>
    /// When set, every call to the API (entities, checkouts) must carry it in <see cref="ApiKeyMiddleware.Header"/>.
    /// Empty (the default) leaves the API open. Comes from configuration: a secret, an environment variable
    /// (<c>EntityActors__Api__ApiKey</c>) or user secrets; never from a file in the repository.
    /// </summary>
    public string? ApiKey { get; set; }
}
