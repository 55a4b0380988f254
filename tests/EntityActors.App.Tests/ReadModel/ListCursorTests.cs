using EntityActors.App.ReadModel.Queries;

namespace EntityActors.App.Tests.ReadModel;

public sealed class ListCursorTests
{
    [Fact]
    public void A_cursor_decodes_to_what_it_encoded()
    {
        var cursor = new ListCursor(1_796_236_832_353, "cart-7_x");

        ListCursor.TryDecode(cursor.Encode(), out var decoded).Should().BeTrue();

        decoded.Should().Be(cursor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("MTIz")] // "123": no id
    [InlineData("OmFiYw")] // ":abc": no time
    [InlineData("LTE6YWJj")] // "-1:abc": a negative time
    public void Anything_but_an_encoded_cursor_is_refused(string text)
    {
        ListCursor.TryDecode(text, out _).Should().BeFalse();
    }
}
