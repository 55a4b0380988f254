using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Relay;

public class DomainCloudEventTests
{
    [Fact]
    public void The_cloud_event_of_an_applied_signal_is_identified_by_the_signal_and_carries_its_events()
    {
        var applied = Absorb(Opened(), Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T2))).Applied.Single();

        var cloudEvent = DomainCloudEvent.For(Address, applied);

        cloudEvent.SpecVersion.Should().Be("1.0");
        cloudEvent.Id.Should().Be($"accounts-acct-1:2@{Clock.T2.UtcDateTime:yyyyMMdd'T'HHmmss.fffffff'Z'}", "a republished event must carry the same id so consumers can drop it");
        DomainCloudEvent.For(Address, applied).Id.Should().Be(cloudEvent.Id);
        cloudEvent.Type.Should().Be("entityactors.accounts.deposit");
        cloudEvent.Source.Should().Be("entityactors/accounts/acct-1");
        cloudEvent.Subject.Should().Be("acct-1");
        cloudEvent.Time.Should().Be(Clock.T2);
        cloudEvent.DataContentType.Should().Be("application/json");
        cloudEvent.Data.Should().BeEquivalentTo(new { Kind = "accounts", EntityId = "acct-1", Sequence = 2L, Version = 2L, Signal = "deposit" });
        cloudEvent.Data.Events.GetRawText().Should().Be(applied.Events.GetRawText());
    }

    [Fact]
    public void The_same_signal_of_an_entity_erased_and_begun_again_is_another_event()
    {
        var before = Absorb(Opened(), Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T1))).Applied.Single();
        var after = Absorb(Opened(), Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T2))).Applied.Single();

        before.Outcome.SignalId.Should().Be(after.Outcome.SignalId, "an erased entity's stream starts over at the same id");
        DomainCloudEvent.For(Address, after).Id.Should().NotBe(DomainCloudEvent.For(Address, before).Id,
            "a subscriber dropping repeats by id would drop the new entity's events");
    }

    [Fact]
    public void The_signal_s_trace_context_rides_in_the_data_where_the_sidecar_does_not_overwrite_it()
    {
        const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var applied = Absorb(Opened(), Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T2))).Applied.Single() with { TraceParent = TraceParent };

        var traced = JsonNode.Parse(JsonSerializer.Serialize(DomainCloudEvent.For(Address, applied), EntityJson.Options))!["data"]!.AsObject();
        var untraced = JsonNode.Parse(JsonSerializer.Serialize(DomainCloudEvent.For(Address, applied with { TraceParent = null }), EntityJson.Options))!["data"]!.AsObject();

        traced["traceParent"]!.GetValue<string>().Should().Be(TraceParent);
        untraced.Should().NotContainKey("traceParent");
    }

    [Fact]
    public void The_cloud_event_serializes_with_the_attribute_names_of_cloud_events_1_0()
    {
        var applied = Absorb(Opened(), Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T2))).Applied.Single();

        var json = JsonNode.Parse(JsonSerializer.Serialize(DomainCloudEvent.For(Address, applied), EntityJson.Options))!.AsObject();

        json.Select(p => p.Key).Should().BeEquivalentTo("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        json["data"]!["entityId"]!.GetValue<string>().Should().Be("acct-1");
        json["data"]!["events"]![0]!["type"]!.GetValue<string>().Should().Be("money-deposited");
    }
}
