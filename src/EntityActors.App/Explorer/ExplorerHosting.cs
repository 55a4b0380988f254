using EntityActors.App.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace EntityActors.App.Explorer;

/// <summary>
/// The explorer (<c>/explorer/</c>): plain HTML, CSS and JavaScript modules embedded in the assembly, calling the app's
/// own API from the browser. Nothing is fetched from anywhere else, and the Content-Security-Policy says so. Served by
/// one endpoint rather than the static-files middleware, which steps aside whenever routing matched an endpoint (the
/// fallback that answers unknown paths matches the folder's own URL).
/// </summary>
public static class ExplorerHosting
{
    public const string Path = "/explorer";

    private const string IndexFile = "index.html";

    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication MapEntityExplorer(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(ExplorerHosting).Assembly, "Explorer/wwwroot");
        app.MapGet(Path + "/{**file}", (string? file, HttpContext http) => Serve(files, file, http)).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(IFileProvider files, string? file, HttpContext http)
    {
        if (string.IsNullOrEmpty(file) && !(http.Request.Path.Value ?? string.Empty).EndsWith('/'))
        {
            // Relative links in the page resolve against the folder, so the folder's URL ends with a slash.
            return TypedResults.Redirect(Path + "/");
        }

        var info = files.GetFileInfo(string.IsNullOrEmpty(file) ? IndexFile : file);
        if (!info.Exists || info.IsDirectory || !ContentTypes.TryGetContentType(info.Name, out var contentType))
        {
            return Problems.NotFound("no-such-route", $"The explorer has no file '{file}'.");
        }

        var headers = http.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // Small files that change with the app: always revalidated, answered 304 while unchanged.
        headers[HeaderNames.CacheControl] = "no-cache";
        var tag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastModified.ToUnixTimeSeconds():x}\"");
        return TypedResults.Stream(info.CreateReadStream(), contentType, lastModified: info.LastModified, entityTag: tag);
    }
}
