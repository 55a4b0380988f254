using EntityActors.App.Engine.Contracts;
using EntityActors.App.ReadModel.Queries;

namespace EntityActors.App.Tests.ReadModel;

public sealed class ReadAfterTests
{
    private static readonly string[] Kinds = ["carts", "accounts", "inventory-items"];

    [Theory]
    [InlineData("accounts-alice:3", "accounts", "alice", 3)]
    [InlineData("inventory-items-sku-1:12", "inventory-items", "sku-1", 12)]
    [InlineData("accounts/alice@3", "accounts", "alice", 3)]
    [InlineData("inventory-items/sku-1@40", "inventory-items", "sku-1", 40)]
    public void A_signal_id_or_kind_id_at_sequence_names_the_entity_and_sequence(string text, string kind, string id, long sequence)
    {
        ReadAfter.TryParse(text, Kinds, out var after).Should().BeTrue();

        after.Should().Be(new ReadAfter(new EntityAddress(kind, id), sequence));
    }

    [Theory]
    [InlineData("checkouts-x:1")]
    [InlineData("accounts-alice")]
    [InlineData("accounts-alice:0")]
    [InlineData("accounts-alice:-1")]
    [InlineData("accounts/alice")]
    [InlineData("ships/alice@1")]
    [InlineData("accounts/@1")]
    [InlineData("carts-a:b-c:7")]
    public void Anything_else_is_refused(string text)
    {
        ReadAfter.TryParse(text, Kinds, out _).Should().BeFalse();
    }
}
