using System.Text.Json;
using EntityActors.App.Http;
using EntityActors.App.Subscriptions;

namespace EntityActors.App.Tests.Subscriptions;

public class CloudEventKeysTests
{
    [Fact]
    public void Ids_that_differ_only_in_punctuation_or_in_letters_outside_ascii_get_different_keys()
    {
        string[] ids = ["evt-1-2", "evt-12", "evt.12", "evt12", "é", "ü", "a:b", "a_b", "ab"];

        var keys = ids.Select(id => For(JsonSerializer.Serialize(id))).ToList();

        keys.Should().OnlyHaveUniqueItems().And.AllSatisfy(key => IdempotencyKeys.IsValid(key!).Should().BeTrue(key));
    }

    [Theory]
    [InlineData("\"evt12\"", "ce:evt12")]
    [InlineData("\"5f0c1c51-8a5e-4c39-9d3e-2b1f0a6c7d8e\"", "ce:5f0c1c518a5e4c399d3e2b1f0a6c7d8e")]
    [InlineData("\"{5F0C1C51-8A5E-4C39-9D3E-2B1F0A6C7D8E}\"", "ce:5F0C1C518A5E4C399D3E2B1F0A6C7D8E")]
    public void Letters_and_digits_alone_and_guids_keep_the_key_earlier_versions_gave_them(string id, string key) =>
        For(id).Should().Be(key, "a message redelivered across the upgrade must still be a repeat");

    [Fact]
    public void An_id_too_long_or_outside_the_key_alphabet_is_hashed_into_a_valid_key()
    {
        var longId = new string('x', 130) + "-1";

        var key = For(JsonSerializer.Serialize(longId));

        IdempotencyKeys.IsValid(key!).Should().BeTrue();
        key.Should().StartWith("ce:sha256:").And.NotBe(For(JsonSerializer.Serialize(new string('x', 130) + "-2")));
        For("\"évènement 1\"").Should().StartWith("ce:sha256:");
    }

    [Fact]
    public void A_numeric_id_is_a_key_and_a_missing_or_empty_one_is_none()
    {
        For("12345").Should().Be("ce:12345");
        For("\"\"").Should().BeNull();
        For("null").Should().BeNull();
        For("{}").Should().BeNull();
    }

    [Fact]
    public void Two_sources_numbering_their_events_alike_get_different_keys_and_the_key_from_the_id_alone_as_the_former_one()
    {
        var (shopA, formerA) = CloudEventKeys.For(JsonDocument.Parse("\"1\"").RootElement, "shop-a");
        var (shopB, formerB) = CloudEventKeys.For(JsonDocument.Parse("\"1\"").RootElement, "shop-b");
        var (again, _) = CloudEventKeys.For(JsonDocument.Parse("\"1\"").RootElement, "shop-a");

        shopA.Should().NotBe(shopB, "the CloudEvents spec makes source and id unique together, not the id alone");
        again.Should().Be(shopA, "a redelivery must be a repeat");
        IdempotencyKeys.IsValid(shopA!).Should().BeTrue();
        formerA.Should().Be("ce:1").And.Be(formerB, "versions before this one keyed both by the id alone");
        CloudEventKeys.For(JsonDocument.Parse("\"12\"").RootElement, "a").Key
            .Should().NotBe(CloudEventKeys.For(JsonDocument.Parse("\"2\"").RootElement, "a1").Key, "source and id must not run together");
    }

    [Fact]
    public void An_event_without_a_source_keeps_the_key_from_its_id_alone() =>
        CloudEventKeys.For(JsonDocument.Parse("\"evt12\"").RootElement, null).Should().Be(("ce:evt12", (string?)null));

    private static string? For(string json) => CloudEventKeys.For(JsonDocument.Parse(json).RootElement, null).Key;
}
