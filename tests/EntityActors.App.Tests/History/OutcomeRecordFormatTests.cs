using System.Text;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.History;
using EntityActors.Domain.Common;

namespace EntityActors.App.Tests.History;

public sealed class OutcomeRecordFormatTests
{
    private static readonly SignalOutcome Refused = new(
        4, "accounts-a:4", "withdraw", "k4", false, 3, Rejection.Unprocessable("insufficient-funds", "Available 1.00 EUR."), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_record_holds_the_outcome_and_its_events()
    {
        var events = JsonSerializer.SerializeToElement(new[] { new { type = "money-deposited", amount = 5 } });
        var applied = new AppliedSignal(Refused with { Accepted = true, Rejection = null }, events);

        var (outcome, read) = OutcomeRecordFormat.Read(Encoding.UTF8.GetString(OutcomeRecordFormat.Serialize(applied)));

        outcome.Should().Be(applied.Outcome);
        read!.Value.GetRawText().Should().Be(events.GetRawText());
    }

    [Fact]
    public void A_reader_of_plain_outcomes_reads_a_record_as_before()
    {
        var record = OutcomeRecordFormat.Serialize(new AppliedSignal(Refused, JsonSerializer.SerializeToElement(Array.Empty<object>())));

        JsonSerializer.Deserialize<SignalOutcome>(record, EntityJson.Options).Should().Be(Refused);
    }

    [Fact]
    public void A_record_written_before_events_were_kept_reads_without_them()
    {
        var (outcome, events) = OutcomeRecordFormat.Read(JsonSerializer.Serialize(Refused, EntityJson.Options));

        outcome.Should().Be(Refused);
        events.Should().BeNull();
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    public void The_trace_id_is_the_second_field_of_a_traceparent(string? traceParent, string? traceId)
    {
        EntityHistoryReader.TraceId(traceParent).Should().Be(traceId);
    }
}
