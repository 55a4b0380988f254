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

    private static string? For(string json) => CloudEventKeys.For(JsonDocument.Parse(json).RootElement);
}
