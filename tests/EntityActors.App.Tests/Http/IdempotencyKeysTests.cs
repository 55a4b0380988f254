using EntityActors.App.Http;

namespace EntityActors.App.Tests.Http;

public class IdempotencyKeysTests
{
    [Theory]
    [InlineData("k")]
    [InlineData("order-42:attempt.1")]
    [InlineData("0190f2a4_5b6c")]
    public void Keys_of_letters_digits_and_separators_are_valid(string key) =>
        IdempotencyKeys.IsValid(key).Should().BeTrue();

    [Fact]
    public void A_key_of_exactly_the_maximum_length_is_valid() =>
        IdempotencyKeys.IsValid(new string('k', IdempotencyKeys.MaxLength)).Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has/slash")]
    [InlineData("has|pipe")]
    [InlineData("trailing-newline\n")]
    public void Keys_outside_the_alphabet_are_invalid(string key) =>
        IdempotencyKeys.IsValid(key).Should().BeFalse();

    [Fact]
    public void A_key_one_character_over_the_maximum_length_is_invalid() =>
        IdempotencyKeys.IsValid(new string('k', IdempotencyKeys.MaxLength + 1)).Should().BeFalse();

    [Fact]
    public void Generated_keys_are_valid_and_distinct()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => IdempotencyKeys.Generate()).ToList();

        keys.Should().OnlyContain(key => IdempotencyKeys.IsValid(key));
        keys.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_description_names_the_header_and_the_offending_key()
    {
        var description = IdempotencyKeys.Describe("bad key");

        description.Should().StartWith("Idempotency-Key must be").And.Contain("'bad key'");
    }
}
