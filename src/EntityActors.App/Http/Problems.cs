using EntityActors.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Http;

/// <summary>Every error the API gives is an RFC 9457 problem with a stable <c>code</c> extension.</summary>
public static class Problems
{
    public const string TypePrefix = "https://entityactors.dev/problems/";

    public static ProblemHttpResult Create(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypePrefix + code, extensions: all);
    }

    public static ProblemHttpResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "The request is invalid.", detail);

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found.", detail);

    public static ProblemHttpResult FromRejection(Rejection rejection, IDictionary<string, object?>? extensions = null) =>
        Create(
            rejection.Kind switch
            {
                RejectionKind.Invalid => StatusCodes.Status400BadRequest,
                RejectionKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status422UnprocessableEntity,
            },
            rejection.Code,
            rejection.Kind switch
            {
                RejectionKind.Invalid => "The signal is invalid.",
                RejectionKind.Conflict => "The entity is not in a state that accepts this signal.",
                _ => "The signal was refused by a business rule.",
            },
            rejection.Reason,
            extensions);
}
