using EntityActors.App.Operations;

namespace EntityActors.App.Tests.Operations;

public class FailureCursorTests
{
    [Fact]
    public void A_cursor_reads_back_as_it_was_written()
    {
        var cursor = new FailureCursor(226, 3);

        FailureCursor.TryParse(cursor.ToString(), out var parsed).Should().BeTrue();
        parsed.Should().Be(cursor);
        cursor.ToString().Should().Be("226.3");
    }

    [Fact]
    public void No_cursor_is_the_first_page()
    {
        FailureCursor.TryParse(null, out var cursor).Should().BeTrue();
        cursor.Should().Be(FailureCursor.Start);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("a.b")]
    [InlineData("-1.0")]
    [InlineData("1.2.3")]
    public void A_cursor_not_given_by_a_page_is_refused(string text) =>
        FailureCursor.TryParse(text, out _).Should().BeFalse();
}
