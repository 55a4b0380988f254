using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Store;
using EntityActors.App.Http;
using EntityActors.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Checkouts;

public static partial class CheckoutEndpoints
{
    /// <summary>
    /// <c>POST /checkouts/{id}/resolve</c>: an operator's way out of a checkout that ended as <c>needs-attention</c>,
    /// whose cart is still checking out. Once the money and stock are reconciled by hand, the operator tells the cart
    /// what became of it (<c>checked-out</c> or <c>open</c> again), through the same signal the saga would have sent.
    /// </summary>
    private static void MapResolve(RouteGroupBuilder group) =>
        group.MapPost("/{checkoutId}/resolve", ResolveAsync).WithName("ResolveCheckout");

    private static async Task<Results<Ok<CheckoutResolved>, ProblemHttpResult>> ResolveAsync(
        string checkoutId, HttpRequest http, CheckoutReader reader, SignalSender sender, IEntityStore store, TimeProvider time,
        IOptions<IntakeOptions> options, CancellationToken cancellationToken)
    {
        if (!IsCheckoutId(checkoutId))
        {
            return InvalidId(checkoutId);
        }

        var (resolution, problem) = await ReadResolutionAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var status = await reader.GetAsync(checkoutId, cancellationToken);
        if (status is null)
        {
            return await CheckoutNotFoundAsync(checkoutId, reader, http.HttpContext.Response, cancellationToken);
        }

        if (status.Checkout.Outcome != CheckoutSteps.NeedsAttention)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "checkout-not-needing-attention", "The checkout does not need attention.",
                $"Only a checkout that ended as {CheckoutSteps.NeedsAttention} is resolved by hand; '{checkoutId}' is {status.Checkout.Outcome ?? "still running"}.");
        }

        // The other resolution would be another signal, which the cart (no longer checking out) would refuse and keep.
        if (await store.GetAsync<OperatorResolution>(OperatorResolution.Key(checkoutId), cancellationToken) is { } earlier && earlier.Cart != resolution!.Cart)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "checkout-already-resolved", "The checkout was resolved before.",
                $"'{checkoutId}' was already resolved by {earlier.By}: its cart is {earlier.Cart}; the first resolution stands.");
        }

        var reason = $"resolved by {resolution!.By}{(resolution.Comment is null ? string.Empty : ": " + resolution.Comment)}";
        var answer = await sender.SubmitAsync(CheckoutPlan.ResolveCart(status.Checkout, resolution.Cart == CheckoutResolution.CheckedOut, reason));
        if (answer.Receipt.KeyReused)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "checkout-already-resolved", "The checkout was resolved before.",
                $"'{checkoutId}' was already resolved as {resolution.Cart} with other words; the first resolution stands.");
        }

        if (answer.Receipt.Outcome?.Rejection is { } rejection)
        {
            return Problems.FromRejection(rejection);
        }

        // After the cart took it, so no resolution is shown that the cart refused; a repeat keeps the first record.
        if (await store.GetAsync<OperatorResolution>(OperatorResolution.Key(checkoutId), cancellationToken) is null)
        {
            await store.SaveAsync(OperatorResolution.Key(checkoutId), new OperatorResolution(resolution.Cart, resolution.By, resolution.Comment, time.GetUtcNow()),
                cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(new CheckoutResolved(checkoutId, resolution.Cart, answer.Receipt.Duplicate, answer.Entity));
    }

    private static async Task<(CheckoutResolution? Body, ProblemHttpResult? Problem)> ReadResolutionAsync(HttpRequest http, int limit, CancellationToken cancellationToken)
    {
        const string Shape = "A resolution is {\"cart\": \"checked-out\" or \"open\", \"by\", \"comment\"}";
        var (body, problem) = await JsonRequestBody.ReadStrictAsync<CheckoutResolution>(http, limit, "Resolutions", "invalid-resolution", Shape, cancellationToken);
        return problem is not null ? (null, problem)
            : body is null ? (null, Problems.BadRequest("invalid-resolution", $"{Shape}: the body is required."))
            : body.Validate() is { } invalid ? (null, Problems.BadRequest("invalid-resolution", invalid))
            : (body, null);
    }

    /// <summary>What an operator decided for a checkout that needs attention.</summary>
    /// <param name="Cart">What the cart becomes: <c>checked-out</c> (the order stands) or <c>open</c> (it does not).</param>
    internal sealed record CheckoutResolution(string Cart, string By, string? Comment = null)
    {
        public const string CheckedOut = "checked-out";
        public const string Open = "open";

        public string? Validate() =>
            Cart is not (CheckedOut or Open) ? $"cart must be '{CheckedOut}' or '{Open}', got '{(Cart.Length > 40 ? Cart[..40] + "…" : Cart)}'."
            : TextValidation.Text(By, "by", ApprovalBody.MaxByLength)?.Reason
            ?? (Comment is null ? null : TextValidation.Text(Comment, "comment", ApprovalBody.MaxCommentLength)?.Reason);
    }
}

/// <summary>The answer to a resolution: what the cart became, and the cart as its writer left it.</summary>
public sealed record CheckoutResolved(string CheckoutId, string Cart, bool Duplicate, EntityView<JsonElement>? Entity);
