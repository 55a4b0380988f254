using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EntityActors.App.Http;

/// <summary>
/// Turns the framework's <see cref="BadHttpRequestException"/> (a parameter that did not bind, a body that arrived
/// too slowly or is too large) into a problem with a stable <c>code</c> and the exception's own status code, in
/// every environment: unhandled it is a 500 in Development and a 400 without a code elsewhere.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (code, title) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = Problems.TypePrefix + code,
                Title = title,
                Detail = bad.Message,
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary>
    /// The stable code and title of a bad request. A parameter that did not bind is <c>invalid-</c> and its name in
    /// kebab case (<c>minSequence</c> → <c>invalid-min-sequence</c>), the codes the endpoints use for the same
    /// parameter when it binds but is out of range.
    /// </summary>
    public static (string Code, string Title) Describe(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status408RequestTimeout => ("request-body-timeout", "The request body arrived too slowly."),
        StatusCodes.Status413PayloadTooLarge => ("body-too-large", "The request body is too large."),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ("headers-too-large", "The request headers are too large."),
        StatusCodes.Status400BadRequest when ParameterName(exception.Message) is { } name =>
            ("invalid-" + KebabCase(name), "A parameter of the request is invalid."),
        _ => ("bad-request", "The request is invalid."),
    };

    // The framework's wording (RequestDelegateFactory): 'Failed to bind parameter "Nullable<long> minSequence" from
    // "abc".', 'Required parameter "string id" was not provided from route.'; one test per wording guards an upgrade.
    private static string? ParameterName(string message) =>
        ParameterPattern().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    private static string KebabCase(string name) => UpperAfterLower().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex UpperAfterLower();
}
