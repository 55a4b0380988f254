using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Tests.Engine.Contracts;

public class EntityAddressTests
{
    [Fact]
    public void An_entity_actor_has_its_workflow_instance_id_so_placement_puts_both_in_the_same_replica()
    {
        var address = new EntityAddress("accounts", "a-1");

        address.ActorId.Should().Be(address.InstanceId).And.Be("accounts-a-1");
    }

    [Theory]
    [InlineData("accounts-a-1", "a-1")]
    [InlineData("accounts-accounts-7", "accounts-7")]
    [InlineData("a-1", "a-1")]
    public void The_entity_of_an_actor_is_its_id_without_the_kind_prefix(string actorId, string entityId) =>
        EntityAddress.FromActorId("accounts", actorId).Should().Be(new EntityAddress("accounts", entityId));

    [Fact]
    public void An_address_survives_the_round_trip_through_its_actor_id()
    {
        var address = new EntityAddress("inventory-items", "sku-9");

        EntityAddress.FromActorId(address.Kind, address.ActorId).Should().Be(address);
    }
}
