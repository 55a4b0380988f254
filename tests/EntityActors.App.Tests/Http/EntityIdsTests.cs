using EntityActors.App.Http;

namespace EntityActors.App.Tests.Http;

public class EntityIdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("acct-1")]
    [InlineData("cart_2026-03-01")]
    [InlineData("ABCxyz019")]
    public void Ids_of_letters_digits_dashes_and_underscores_are_valid(string id) =>
        EntityIds.IsValid(id).Should().BeTrue();

    [Fact]
    public void An_id_of_exactly_the_maximum_length_is_valid() =>
        EntityIds.IsValid(new string('a', EntityIds.MaxLength)).Should().BeTrue();

    [Fact]
    public void An_id_one_character_over_the_maximum_length_is_invalid() =>
        EntityIds.IsValid(new string('a', EntityIds.MaxLength + 1)).Should().BeFalse();

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("_leading-underscore")]
    [InlineData("has space")]
    [InlineData("has/slash")]
    [InlineData("has:colon")]
    [InlineData("has|pipe")]
    [InlineData("has.dot")]
    [InlineData("ünïcode")]
    [InlineData("trailing-newline\n")]
    [InlineData("trailing-crlf\r\n")]
    [InlineData("inner\nnewline")]
    public void Ids_outside_the_safe_alphabet_are_invalid(string id) =>
        EntityIds.IsValid(id).Should().BeFalse("'{0}' would end up in actor ids, instance ids and state keys", id.ReplaceLineEndings("\\n"));

    [Fact]
    public void A_missing_id_is_invalid() =>
        EntityIds.IsValid(null).Should().BeFalse();

    [Fact]
    public void The_description_states_the_rule_and_shows_a_long_id_truncated()
    {
        var description = EntityIds.Describe(new string('x', 200));

        description.Should().Contain($"1-{EntityIds.MaxLength} characters");
        description.Should().Contain(new string('x', 80) + "…'").And.NotContain(new string('x', 81));
    }
}
