using EntityActors.App.Security;

namespace EntityActors.App.Tests.Security;

public class SecretComparerTests
{
    [Fact]
    public void The_same_secret_matches() =>
        SecretComparer.Matches("s3cret-token", "s3cret-token").Should().BeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s3cret-toke")]
    [InlineData("s3cret-token ")]
    [InlineData("S3CRET-TOKEN")]
    public void Anything_else_does_not_match(string? presented) =>
        SecretComparer.Matches(presented, "s3cret-token").Should().BeFalse();
}
