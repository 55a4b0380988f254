using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Contracts;

public class EntityViewTests
{
    [Fact]
    public void A_view_read_as_json_and_returned_as_the_state_type_keeps_everything_else()
    {
        var view = Absorb(Opened() with { Generation = 3 }, Batch(Deposits(from: 2, count: 2))).Checkpoint.ToView();
        var json = view.WithState(JsonSerializer.SerializeToElement(view.State, EntityJson.Options));

        var typed = json.WithState(json.State.Deserialize<AccountState>(EntityJson.Options)!);

        typed.Should().BeEquivalentTo(view);
        typed.State.Balance.Should().Be(3m);
    }

    [Fact]
    public void A_view_round_trips_through_the_json_a_workflow_status_holds()
    {
        var view = Absorb(Opened(), Batch(Deposits(from: 2, count: 1))).Checkpoint.ToView() with { Divergences = 2, RelayedThrough = 2 };

        var read = JsonSerializer.Deserialize<EntityView<AccountState>>(JsonSerializer.Serialize(view, EntityJson.Options), EntityJson.Options);

        read.Should().BeEquivalentTo(view);
    }
}
