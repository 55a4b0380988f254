using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Operations;
using EntityActors.App.Tests.Support;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Operations;

public class BulkRequestReaderTests
{
    private readonly BulkRequestReader reader = new(Options.Create(new OperationOptions { MaxLines = 5 }));

    [Fact]
    public void Valid_lines_keep_their_numbers_and_carry_the_signal_body_without_the_id()
    {
        var parsed = reader.ParseLines(Descriptors.InventoryItems, "restock", JsonNode.Parse("""[{ "id": "a", "quantity": 2 }, { "id": "b", "quantity": 3 }]"""));

        parsed.Problem.Should().BeNull();
        parsed.Lines!.Select(line => $"{line.Line} {line.EntityId} {line.Body.GetRawText()}").Should().Equal("1 a {\"quantity\":2}", "2 b {\"quantity\":3}");
    }

    [Fact]
    public void Every_bad_line_is_named_by_number_with_the_code_the_signal_endpoint_would_give()
    {
        var parsed = reader.ParseLines(Descriptors.InventoryItems, "restock", JsonNode.Parse(
            """[{ "id": "a", "quantity": 2 }, { "id": "a", "quantity": -1 }, { "quantity": 1 }, { "id": "a", "quantity": 1, "extra": true }, 42]"""));

        parsed.Lines.Should().BeNull();
        var problem = parsed.Problem!;
        problem.StatusCode.Should().Be(400);
        problem.ProblemDetails.Extensions["code"].Should().Be("invalid-lines");
        problem.ProblemDetails.Extensions["invalidLines"].Should().Be(4);
        ((IEnumerable<LineProblem>)problem.ProblemDetails.Extensions["lines"]!).Select(line => $"{line.Line} {line.Code}")
            .Should().Equal("2 invalid-quantity", "3 invalid-entity-id", "4 invalid-signal", "5 invalid-line");
    }

    [Theory]
    [InlineData("[]", 400, "no-lines")]
    [InlineData("""{ "id": "a", "quantity": 1 }""", 400, "invalid-lines")]
    [InlineData("""[{"id":"a","quantity":1},{"id":"a","quantity":1},{"id":"a","quantity":1},{"id":"a","quantity":1},{"id":"a","quantity":1},{"id":"a","quantity":1}]""", 413, "too-many-lines")]
    public void A_body_that_is_not_a_list_of_lines_within_the_limit_is_refused_whole(string body, int status, string code)
    {
        var problem = reader.ParseLines(Descriptors.InventoryItems, "restock", JsonNode.Parse(body)).Problem!;

        problem.StatusCode.Should().Be(status);
        problem.ProblemDetails.Extensions["code"].Should().Be(code);
    }

    [Fact]
    public void Ids_become_lines_with_one_shared_body_and_bad_ids_are_named_by_number()
    {
        var empty = JsonSerializer.SerializeToElement(new { });

        var good = reader.ParseIds(Descriptors.Carts, "expire", ["c-1", "c-2"], empty);
        var bad = reader.ParseIds(Descriptors.Carts, "expire", ["c-1", "no spaces", null], empty);

        good.Lines!.Select(line => $"{line.Line} {line.EntityId}").Should().Equal("1 c-1", "2 c-2");
        ((IEnumerable<LineProblem>)bad.Problem!.ProblemDetails.Extensions["lines"]!).Select(line => line.Line).Should().Equal(2, 3);
    }

    [Theory]
    [InlineData("PT30M", 1_800)]
    [InlineData("00:30:00", 1_800)]
    [InlineData("P1D", 86_400)]
    [InlineData("1800", 1_800)]
    [InlineData("30", 30)]
    [InlineData("1.00:00:00", 86_400)]
    public void Idle_for_is_an_iso_duration_seconds_as_lists_take_them_or_a_constant_duration(string text, int seconds)
    {
        OperationEndpoints.TryParseIdleFor(text, out var idleFor).Should().BeTrue();
        idleFor.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-PT5M")]
    [InlineData("00:00:00")]
    [InlineData("P400D")]
    public void Idle_for_that_is_missing_not_positive_or_absurd_is_refused(string? text) =>
        OperationEndpoints.TryParseIdleFor(text, out _).Should().BeFalse();

    [Fact]
    public void An_operation_id_from_a_key_is_stable_and_differs_per_kind_of_operation()
    {
        var id = OperationStarter.IdFromKey("restock", "key-1");

        id.Should().MatchRegex("^[a-f0-9]{32}$").And.Be(OperationStarter.IdFromKey("restock", "key-1"));
        OperationStarter.IdFromKey("expire-idle-carts", "key-1").Should().NotBe(id);
    }
}
