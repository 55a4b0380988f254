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
                Detail = Detail(bad),
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

    /// <summary>
    /// The framework's message with its CLR types left out: <c>limit must be a whole number; got 'abc'.</c> for
    /// <c>Failed to bind parameter "Nullable&lt;int&gt; limit" from "abc".</c>.
    /// </summary>
    public static string Detail(BadHttpRequestException exception) =>
        BindFailurePattern().Match(exception.Message) is { Success: true } failed
            ? $"{failed.Groups["name"].Value} must be {Kind(failed.Groups["type"].Value)}; got '{Shorten(failed.Groups["value"].Value)}'."
            : exception.Message;

    private static string Kind(string type) => type switch
    {
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => "a whole number",
        _ when type.Contains("decimal", StringComparison.OrdinalIgnoreCase) || type.Contains("double", StringComparison.OrdinalIgnoreCase) => "a number",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "an ISO-8601 time",
        _ => "a valid value",
    };

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    // The framework's wording (RequestDelegateFactory): 'Failed to bind parameter "Nullable<long> minSequence" from
    // "abc".', 'Required parameter "string id" was not provided from route.'; one test per wording guards an upgrade.
    private static string? ParameterName(string message) =>
        ParameterPattern().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    private static string KebabCase(string name) => UpperAfterLower().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]*) (?<name>[A-Za-z_][A-Za-z0-9_]*)\" from \"(?<value>.*)\"\\.$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BindFailurePattern();

    [GeneratedRegex("([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex UpperAfterLower();
}
