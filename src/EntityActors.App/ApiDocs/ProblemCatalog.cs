using EntityActors.App.Http;
using EntityActors.Domain.Common;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// Every problem <c>code</c> the API answers with, for the API document. A test reads the sources for the codes they
/// use, so a new code without an entry here fails the build's tests rather than going undocumented.
/// </summary>
public static class ProblemCatalog
{
    /// <summary>Stands for <c>invalid-</c> and a query parameter's name in kebab case (<c>limit</c> → <c>invalid-limit</c>).</summary>
    public const string InvalidParameterPattern = "invalid-<parameter>";

    public static IReadOnlyList<ProblemCode> All { get; } =
    [
        // Any request
        new("unknown-entity-kind", 400, "The first path segment is not an entity kind (carts, accounts, inventory-items).", ProblemScope.Any),
        new("invalid-entity-id", 400, $"Entity ids are 1-{EntityIds.MaxLength} letters, digits, '-' or '_', starting with a letter or digit.", ProblemScope.Any),
        new(InvalidParameterPattern, 400, "A query parameter is malformed, e.g. a number that is not one.", ProblemScope.Any),
        new("bad-request", 400, "The request could not be read.", ProblemScope.Any),
        new("api-key-required", 401, "The API key is on and the X-Api-Key header is missing.", ProblemScope.Any),
        new("invalid-api-key", 401, "The X-Api-Key header does not match the API key.", ProblemScope.Any),
        new("dapr-api-token-required", 401, "A callback from the sidecar lacks the app API token (APP_API_TOKEN).", ProblemScope.Callback),
        new("no-such-route", 404, "Nothing is served at that method and path.", ProblemScope.Any),
        new("method-not-allowed", 405, "The path is served, with other methods (named in the Allow header).", ProblemScope.Any),
        new("request-body-timeout", 408, "The request body arrived too slowly.", ProblemScope.Signal | ProblemScope.Checkout | ProblemScope.Operation),
        new("uri-too-long", 414, "The path and query are over EntityActors:RequestLimits:MaxTargetBytes (8 KiB).", ProblemScope.Any),
        new("headers-too-large", 431, "The headers are over EntityActors:RequestLimits:MaxHeaderBytes (32 KiB) or MaxHeaderCount (100).", ProblemScope.Any),

        // Reading an entity
        new("invalid-min-sequence", 400, "minSequence must be a whole number from 0.", ProblemScope.Read),
        new("invalid-min-version", 400, "minVersion must be a whole number from 0.", ProblemScope.Read),
        new("invalid-wait", 400, "Prefer: wait=N or ?wait= must be true, false or 0-3600 seconds.", ProblemScope.Signal | ProblemScope.Read),
        new("entity-not-found", 404, "No entity of that kind and id exists (none ever received a signal, or it was deleted).", ProblemScope.Read | ProblemScope.Checkout | ProblemScope.Delete),

        // Listing a kind (the read model) and an entity's history
        new("invalid-limit", 400, "limit must be a whole number from 1 to the page maximum.", ProblemScope.Read),
        new("invalid-status", 400, "status must be one or more of the kind's statuses, comma-separated.", ProblemScope.Read),
        new("invalid-timestamp", 400, "changedAfter and changedBefore are ISO-8601 instants.", ProblemScope.Read),
        new("invalid-range", 400, "A range's lower bound is above its upper bound.", ProblemScope.Read),
        new("invalid-duration", 400, "idleFor is an ISO-8601 duration (PT30M, P1D), a number of seconds or 00:30:00.", ProblemScope.Read),
        new("invalid-stock-level", 400, "belowStock is a whole number of units, 0 or more.", ProblemScope.Read),
        new("invalid-cursor", 400, "cursor must be the nextCursor of an earlier page, unchanged.", ProblemScope.Read),
        new("invalid-after", 400, "after is a receipt's signalId or kind/id@sequence.", ProblemScope.Read),
        new("unsupported-filter", 400, "The parameter filters another kind, not this one.", ProblemScope.Read),
        new("unknown-parameter", 400, "The parameter is not one the list knows (a typo never lists everything).", ProblemScope.Read),
        new("invalid-before", 400, "before is a sequence number, 1 or more (an earlier page's nextBefore).", ProblemScope.Read),

        // Sending a signal: the request
        new("unknown-signal", 400, "The entity kind has no signal of that name.", ProblemScope.Signal),
        new("malformed-json", 400, "The body is not JSON of the expected shape.", ProblemScope.Signal | ProblemScope.Checkout | ProblemScope.Operation),
        new("invalid-signal", 400, "The body does not fit the signal's schema (unknown, missing or mistyped field).", ProblemScope.Signal | ProblemScope.Operation),
        new("invalid-idempotency-key", 400, $"Idempotency-Key must be 1-{IdempotencyKeys.MaxLength} letters, digits, '-', '_', '.' or ':'.", ProblemScope.Signal | ProblemScope.Operation),
        new("body-too-large", 413, "The body is over its limit (EntityActors:Intake:MaxBodyBytes for a signal or a checkout decision, EntityActors:Operations:MaxBodyBytes for a bulk request).", ProblemScope.Signal | ProblemScope.Checkout | ProblemScope.Operation),
        new("unsupported-media-type", 415, "Signals, checkout decisions and bulk requests are JSON: send Content-Type: application/json.", ProblemScope.Signal | ProblemScope.Checkout | ProblemScope.Operation),
        new("idempotency-key-reused", 422, "The Idempotency-Key was used before for a different request.", ProblemScope.Signal | ProblemScope.Operation),
        new("replica-stopping", 503, "This replica is shutting down and took nothing; retry (another replica answers) with the same Idempotency-Key.", ProblemScope.Signal),
        new("entity-unavailable", 503, "The entity's workflow has ended and takes no signals.", ProblemScope.Signal),
        new("entity-unreachable", 503, "The entity could not take the signal or delete now; retry (with the same Idempotency-Key).", ProblemScope.Signal | ProblemScope.Delete),

        // Sending a signal: the signal's own rules (400) and the entity's answer (409, 422)
        new("invalid-amount", 400, $"An amount is a decimal; a signal's is positive, at most {SignalValidation.MaxAmount:N0}, with at most 2 decimals.", ProblemScope.Signal | ProblemScope.Read),
        new("invalid-quantity", 400, $"A quantity must be from 1 to {SignalValidation.MaxQuantity:N0}.", ProblemScope.Signal),
        new("invalid-currency", 400, "A currency is a 3-letter ISO code in capitals.", ProblemScope.Signal),
        new("invalid-delta", 400, $"A stock adjustment is non-zero and at most {SignalValidation.MaxQuantity:N0} either way.", ProblemScope.Signal, "inventory-items"),
        new("invalid-sku", 400, $"A sku is an inventory item's id: 1-{SignalValidation.MaxEntityIdLength} letters, digits, '-' or '_', starting with a letter or digit (change-quantity and remove-item also name lines added before that rule: up to {SignalValidation.MaxReferenceLength}, with '.' or ':').", ProblemScope.Signal, "carts"),
        new("invalid-hold-id", 400, $"A hold id is 1-{SignalValidation.MaxReferenceLength} letters, digits, '-', '_', '.' or ':'.", ProblemScope.Signal, "accounts"),
        new("invalid-reservation-id", 400, $"A reservation id is 1-{SignalValidation.MaxReferenceLength} letters, digits, '-', '_', '.' or ':'.", ProblemScope.Signal, "inventory-items"),
        new("invalid-account-id", 400, $"An account id is an entity id: 1-{SignalValidation.MaxEntityIdLength} letters, digits, '-' or '_', starting with a letter or digit.", ProblemScope.Signal, "carts"),
        new("invalid-owner", 400, $"An owner is a non-blank text of at most {TextValidation.MaxTextLength} characters.", ProblemScope.Signal, "accounts"),
        new("invalid-reason", 400, $"A reason is a non-blank text of at most {TextValidation.MaxTextLength} characters.", ProblemScope.Signal),
        new("invalid-checkout-id", 400, "Checkout ids look like '<cart id>-checkout-<attempt>'.", ProblemScope.Signal | ProblemScope.Checkout),
        new("undecodable-signal", 400, "A stored signal could not be read back (seen in outcomes, not at intake).", ProblemScope.Signal),
        new("account-already-open", 409, "The account is already open (or closed).", ProblemScope.Signal, "accounts"),
        new("account-not-open", 409, "Only an open account takes this signal.", ProblemScope.Signal, "accounts"),
        new("hold-exists", 409, "A hold with that id already exists.", ProblemScope.Signal, "accounts"),
        new("cart-not-open", 409, "Only an open cart takes this signal.", ProblemScope.Signal, "carts"),
        new("checkout-in-progress", 409, "The cart is checking out: it expires only if the checkout fails, and is erased only once the checkout has ended.", ProblemScope.Signal | ProblemScope.Delete, "carts"),
        new("holds-open", 409, "The account holds money for a checkout: it is erased only once those holds are captured or released.", ProblemScope.Delete, "accounts"),
        new("reservations-open", 409, "The item has stock reserved for a checkout: it is erased only once those reservations are committed or released.", ProblemScope.Delete, "inventory-items"),
        new("checkout-mismatch", 409, "The signal names a checkout that is not the cart's active one.", ProblemScope.Signal, "carts"),
        new("currency-mismatch", 409, "The cart holds items priced in another currency.", ProblemScope.Signal, "carts"),
        new("price-mismatch", 409, "The sku is in the cart at another unit price.", ProblemScope.Signal, "carts"),
        new("cart-active", 409, "The cart was active after the idle time its expiry was reckoned from; it stays open.", ProblemScope.Signal, "carts"),
        new("reservation-exists", 409, "A reservation with that id already exists.", ProblemScope.Signal, "inventory-items"),
        new("insufficient-funds", 422, "The available balance (balance less holds) is below the amount.", ProblemScope.Signal, "accounts"),
        new("balance-limit", 422, "The deposit would take the balance over the limit.", ProblemScope.Signal, "accounts"),
        new("currency-mismatch", 422, "The amount is in another currency than the account's.", ProblemScope.Signal, "accounts"),
        new("hold-not-found", 422, "There is no hold with that id.", ProblemScope.Signal, "accounts"),
        new("holds-outstanding", 422, "Holds must be captured or released before the account closes.", ProblemScope.Signal, "accounts"),
        new("balance-not-zero", 422, "Only an empty account can close.", ProblemScope.Signal, "accounts"),
        new("cart-empty", 422, "An empty cart cannot be checked out.", ProblemScope.Signal, "carts"),
        new("cart-total-too-large", 422, "The cart's total is over the largest payment (1,000,000,000): remove items before checking out.", ProblemScope.Signal, "carts"),
        new("cart-full", 422, "The cart holds the most different skus it can.", ProblemScope.Signal, "carts"),
        new("quantity-limit", 422, "The line would hold more than the most a line can.", ProblemScope.Signal, "carts"),
        new("item-not-in-cart", 422, "The sku is not in the cart.", ProblemScope.Signal, "carts"),
        new("out-of-stock", 422, "Fewer items are available than requested.", ProblemScope.Signal, "inventory-items"),
        new("would-go-negative", 422, "The adjustment would leave less on hand than is reserved.", ProblemScope.Signal, "inventory-items"),
        new("stock-limit", 422, "The stock would exceed the most an item can hold.", ProblemScope.Signal, "inventory-items"),
        new("reservation-not-found", 422, "There is no reservation with that id.", ProblemScope.Signal, "inventory-items"),
        new("rule-failed", 422, "An entity rule failed unexpectedly; the signal changed nothing.", ProblemScope.Signal),

        // Checkouts
        new("checkout-not-found", 404, "No checkout with that id.", ProblemScope.Checkout),
        new("checkout-starting", 503, "The cart is checking out with that id and its saga starts in a moment: retry after Retry-After.", ProblemScope.Checkout),
        new("invalid-decision", 400, "A decision's body is {\"by\", \"comment\"}, both optional: by 1-100 characters, comment 1-1,000, nothing else.", ProblemScope.Checkout),
        new("invalid-resolution", 400, "A resolution's body is {\"cart\": \"checked-out\" or \"open\", \"by\": 1-100 characters, \"comment\": optional, 1-1,000}.", ProblemScope.Checkout),
        new("checkout-not-needing-attention", 409, "Only a checkout that ended as needs-attention is resolved by hand.", ProblemScope.Checkout),
        new("checkout-already-resolved", 409, "The checkout was resolved before with other words; the first resolution stands.", ProblemScope.Checkout),
        new("checkout-finished", 409, "The checkout has finished; a decision changes nothing now.", ProblemScope.Checkout),
        new("checkout-not-awaiting-approval", 409, "The checkout is past its approval (decided, timed out, or never needed): a decision changes nothing now.", ProblemScope.Checkout),

        // Bulk operations and their progress
        new("invalid-lines", 400, "The body is not the operation's list of lines, or some lines are invalid (each is named); nothing was started.", ProblemScope.Operation),
        new("no-lines", 400, "The request has no lines; nothing was started.", ProblemScope.Operation),
        new("cart-ids-required", 400, "Without a read model to search for idle carts, the body must name the carts to consider.", ProblemScope.Operation),
        new("invalid-idle-for", 400, "idleFor is a positive duration of at most 365 days (PT30M or 00:30:00).", ProblemScope.Operation),
        new("invalid-operation-id", 400, "Operation ids are 32 lowercase hex digits.", ProblemScope.Operation),
        new("invalid-page", 400, "failuresAfter is an earlier page's nextFailures cursor and limit is at least 1.", ProblemScope.Operation),
        new("operation-not-found", 404, "No operation with that id.", ProblemScope.Operation),
        new("too-many-lines", 413, "A bulk request has more lines than EntityActors:Operations allows; split it.", ProblemScope.Operation),

        // The replicas' agreement
        new("replica-not-agreed", 503, "The replica has not (yet) found its components equal to the other replicas'; it serves no entity actors.", ProblemScope.Callback),
    ];

    /// <summary>
    /// The codes only an operation that reads a request body can answer: what is wrong with the body or its arrival, with
    /// the Idempotency-Key that only such operations take, or with the checkout decision such a body carries (a read of
    /// the checkout answers none of these).
    /// </summary>
    public static IReadOnlySet<string> BodyCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "request-body-timeout", "body-too-large", "unsupported-media-type", "malformed-json", "invalid-signal", "too-many-lines",
        "invalid-lines", "no-lines", "cart-ids-required", "invalid-decision", "invalid-resolution",
        "invalid-idempotency-key", "idempotency-key-reused",
        "checkout-not-needing-attention", "checkout-already-resolved", "checkout-finished", "checkout-not-awaiting-approval",
    };

    /// <summary>
    /// The codes an operation of <paramref name="scope"/> (on entities of <paramref name="kind"/>, if it names one) can
    /// answer; those of <see cref="BodyCodes"/> only if it <paramref name="readsBody"/> (the server ignores a GET's).
    /// </summary>
    public static IEnumerable<ProblemCode> For(ProblemScope scope, string? kind = null, bool readsBody = true) =>
        All.Where(code => (code.Scope & scope) != 0
            && (kind is null || code.Kind is null || code.Kind == kind)
            && (readsBody || !BodyCodes.Contains(code.Code)));

    /// <summary>Those of <see cref="For(ProblemScope, string?, bool)"/> answered with <paramref name="status"/>.</summary>
    public static IEnumerable<ProblemCode> For(ProblemScope scope, int status, string? kind = null, bool readsBody = true) =>
        For(scope, kind, readsBody).Where(code => code.Status == status);
}
