using EntityActors.Domain.Common;

namespace EntityActors.Domain.Tests.Support;

/// <summary>
/// What a random run actually exercised. A property test whose generator never reaches the interesting
/// branches passes vacuously, so the runs assert on this too; and every business rejection seen must carry the
/// code's documented kind, which is what the HTTP layer maps to a status code.
/// </summary>
internal sealed class Coverage(IReadOnlyDictionary<string, RejectionKind> documentedKinds)
{
    private readonly HashSet<string> accepted = [];
    private readonly HashSet<(string Code, RejectionKind Kind)> rejected = [];

    public void Accepted(object signal) => accepted.Add(signal.GetType().Name);

    public void Rejected(Rejection rejection) => rejected.Add((rejection.Code, rejection.Kind));

    public void ShouldHaveAccepted(params Type[] signalTypes) =>
        accepted.Should().Contain(signalTypes.Select(type => type.Name), "the generator should reach every accepting branch");

    public void ShouldHaveRejectedWithEveryDocumentedCodeExcept(params string[] unreachable)
    {
        var business = rejected.Where(seen => seen.Kind != RejectionKind.Invalid).ToList();

        business.Should().BeSubsetOf(documentedKinds.Select(pair => (pair.Key, pair.Value)), "every business rejection has its documented code and kind");
        business.Select(seen => seen.Code).Should().Contain(documentedKinds.Keys.Except(unreachable), "the generator should reach every rejection");
    }
}
