namespace EntityActors.Domain.Common;

/// <summary>Why an entity refused a signal. A value, not an exception: rule violations are answers.</summary>
/// <param name="Code">Stable, machine-readable code, e.g. <c>insufficient-funds</c>.</param>
/// <param name="Reason">Human-readable explanation.</param>
/// <param name="Kind">Which class of refusal this is; the HTTP layer maps it to a status code.</param>
public sealed record Rejection(string Code, string Reason, RejectionKind Kind)
{
    public static Rejection Invalid(string code, string reason) => new(code, reason, RejectionKind.Invalid);

    public static Rejection Conflict(string code, string reason) => new(code, reason, RejectionKind.Conflict);

    public static Rejection Unprocessable(string code, string reason) => new(code, reason, RejectionKind.Unprocessable);
}
