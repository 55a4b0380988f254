using System.Text.Json;
using System.Text.RegularExpressions;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Http;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Checkouts;

public static partial class CheckoutEndpoints
{
    /// <summary>
    /// <c>GET /checkouts/{id}</c> (step, outcome, compensations, timings), <c>POST /checkouts/{id}/approve</c>
    /// and <c>/deny</c> (the approval signal), <c>GET /carts/{id}/checkouts</c> (every checkout of a cart).
    /// </summary>
    public static RouteGroupBuilder MapCheckoutEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/checkouts").WithTags("Checkouts");
        group.MapGet("/{checkoutId}", GetAsync).WithName("GetCheckout");
        group.MapPost("/{checkoutId}/approve", (string checkoutId, HttpRequest http, DaprWorkflowClient workflows, CheckoutReader reader, IOptions<IntakeOptions> options, CancellationToken ct) =>
            DecideAsync(checkoutId, approved: true, http, workflows, reader, options, ct)).WithName("ApproveCheckout");
        group.MapPost("/{checkoutId}/deny", (string checkoutId, HttpRequest http, DaprWorkflowClient workflows, CheckoutReader reader, IOptions<IntakeOptions> options, CancellationToken ct) =>
            DecideAsync(checkoutId, approved: false, http, workflows, reader, options, ct)).WithName("DenyCheckout");
        MapResolve(group);
        app.MapGet($"/{Cart.Kind}/{{id}}/checkouts", ListForCartAsync).WithTags("Checkouts").WithName("ListCartCheckouts");
        return group;
    }

    private static async Task<Results<Ok<CheckoutStatus>, ProblemHttpResult>> GetAsync(
        string checkoutId, CheckoutReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!IsCheckoutId(checkoutId))
        {
            return InvalidId(checkoutId);
        }

        return await reader.GetAsync(checkoutId, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : await CheckoutNotFoundAsync(checkoutId, reader, response, cancellationToken);
    }

    private static async Task<Results<Accepted<CheckoutStatus>, ProblemHttpResult>> DecideAsync(
        string checkoutId, bool approved, HttpRequest http, DaprWorkflowClient workflows, CheckoutReader reader, IOptions<IntakeOptions> options, CancellationToken cancellationToken)
    {
        if (!IsCheckoutId(checkoutId))
        {
            return InvalidId(checkoutId);
        }

        var (decided, problem) = await ReadDecisionAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var status = await reader.GetAsync(checkoutId, cancellationToken);
        if (status is null)
        {
            return await CheckoutNotFoundAsync(checkoutId, reader, http.HttpContext.Response, cancellationToken);
        }

        if (status.Checkout.Outcome is not null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "checkout-finished", "The checkout has finished.",
                $"Checkout '{checkoutId}' already finished as {status.Checkout.Outcome}; a decision changes nothing now.");
        }

        if (status.Checkout.Step is not (CheckoutSteps.Started or CheckoutSteps.HoldingPayment or CheckoutSteps.ReservingStock
            or CheckoutSteps.AwaitingApproval or CheckoutSteps.ApprovalEscalated))
        {
            // Past its approval (decided, timed out, or never needed): the saga would ignore it, and the caller must know.
            return Problems.Create(StatusCodes.Status409Conflict, "checkout-not-awaiting-approval", "The checkout no longer awaits a decision.",
                $"Checkout '{checkoutId}' is {status.Checkout.Step}; a decision changes nothing now.");
        }

        var decision = new ApprovalDecision(approved, decided?.By ?? "anonymous", decided?.Comment);
        await workflows.RaiseEventAsync(CheckoutRequest.InstanceIdFor(checkoutId), CheckoutEventNames.Approval, decision, cancellationToken);
        return TypedResults.Accepted($"/checkouts/{checkoutId}", status);
    }

    private static async Task<Results<Ok<IReadOnlyList<CheckoutStatus>>, ProblemHttpResult>> ListForCartAsync(
        string id, EntityReader entities, CheckoutReader checkouts, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(id))
        {
            return Problems.BadRequest("invalid-entity-id", EntityIds.Describe(id));
        }

        var cart = await entities.GetAsync<CartState>(new EntityAddress(Cart.Kind, id), cancellationToken);
        if (cart is null)
        {
            return Problems.NotFound("entity-not-found", $"No carts with id '{id}' has ever received a signal.");
        }

        var found = new List<CheckoutStatus>();
        for (var attempt = 1; attempt <= cart.State.CheckoutAttempts; attempt++)
        {
            if (await checkouts.GetAsync(CheckoutIds.For(id, attempt), cancellationToken) is { } status)
            {
                found.Add(status);
            }
        }

        return TypedResults.Ok<IReadOnlyList<CheckoutStatus>>(found);
    }

    private static ProblemHttpResult InvalidId(string checkoutId) =>
        Problems.BadRequest("invalid-checkout-id", $"Checkout ids look like '<cart id>-checkout-<attempt>'; got '{(checkoutId.Length > 80 ? checkoutId[..80] + "…" : checkoutId)}'.");

    /// <summary>No checkout of that id, or one whose saga is about to start (a 503 to retry in a moment, not a 404).</summary>
    private static async Task<ProblemHttpResult> CheckoutNotFoundAsync(string checkoutId, CheckoutReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await reader.IsStartingAsync(checkoutId, cancellationToken))
        {
            response.Headers.RetryAfter = "1";
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "checkout-starting", "The checkout is starting.",
                $"Its cart is checking out with '{checkoutId}', whose saga starts in a moment: retry after a second.");
        }

        return Problems.NotFound("checkout-not-found", $"No checkout '{checkoutId}'.");
    }

    /// <summary>A checkout id: its cart's id, <c>-checkout-</c> and the attempt; also the API document's pattern.</summary>
    public const string CheckoutIdRegex = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}-checkout-[0-9]{1,6}$";

    /// <summary>The longest id <see cref="CheckoutIdRegex"/> takes.</summary>
    public const int CheckoutIdMaxLength = 64 + 10 + 6;

    private static bool IsCheckoutId(string checkoutId) => CheckoutIdPattern().IsMatch(checkoutId);

    [GeneratedRegex(CheckoutIdRegex, RegexOptions.CultureInvariant)]
    private static partial Regex CheckoutIdPattern();

    /// <summary>
    /// The optional body of a decision, held to what a signal's is (size, content type, strict JSON), and its text to
    /// lengths a denial's reason can carry to the cart.
    /// </summary>
    private static async Task<(ApprovalBody? Body, ProblemHttpResult? Problem)> ReadDecisionAsync(HttpRequest http, int limit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadStrictAsync<ApprovalBody>(
            http, limit, "Decisions", "invalid-decision", "A decision is {\"by\", \"comment\"}, both optional", cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var invalid = (body?.By is { } by ? TextValidation.Text(by, "by", ApprovalBody.MaxByLength) : null)
            ?? (body?.Comment is { } comment ? TextValidation.Text(comment, "comment", ApprovalBody.MaxCommentLength) : null);
        return invalid is null ? (body, null) : (null, Problems.BadRequest("invalid-decision", invalid.Reason));
    }

    internal sealed record ApprovalBody(string? By = null, string? Comment = null)
    {
        public const int MaxByLength = 100;
        public const int MaxCommentLength = 1000;
    }
}
