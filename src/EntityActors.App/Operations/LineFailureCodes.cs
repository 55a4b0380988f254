using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Operations;

/// <summary>Codes of line failures the operation itself gives (an entity's rejection keeps the entity's code).</summary>
public static class LineFailureCodes
{
    public const string EntityNotFound = SignalReceipt.EntityNotFoundCode;
    public const string CartNotIdle = "cart-not-idle";
    public const string KeyReused = "idempotency-key-reused";
    public const string InvalidSignal = "invalid-signal";
    public const string Unconfirmed = "unconfirmed";
}
