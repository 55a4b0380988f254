using EntityActors.Domain.Common;

namespace EntityActors.Domain.Tests.Common;

public class TextValidationTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("  \t ", 4)]
    public void Missing_or_blank_text_is_invalid_with_a_field_specific_code(string? text, int length) =>
        TextValidation.Text(text, "owner").Should().BeEquivalentTo(new Rejection(
            "invalid-owner",
            $"owner must be 1-200 characters and not blank, got {length} characters.",
            RejectionKind.Invalid));

    [Fact]
    public void Text_one_character_over_the_limit_is_invalid() =>
        TextValidation.Text(new string('x', 11), "reason", maxLength: 10).Should().BeEquivalentTo(new { Code = "invalid-reason", Kind = RejectionKind.Invalid });

    [Theory]
    [InlineData("x")]
    [InlineData("Zoë O'Brien-Łukasz")]
    public void Any_non_blank_text_within_the_limit_is_valid(string text) =>
        TextValidation.Text(text, "owner").Should().BeNull();

    [Fact]
    public void Text_exactly_at_the_limit_is_valid() =>
        TextValidation.Text(new string('x', 10), "reason", maxLength: 10).Should().BeNull();
}
