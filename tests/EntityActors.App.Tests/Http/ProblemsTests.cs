using EntityActors.App.Http;
using EntityActors.Domain.Common;

namespace EntityActors.App.Tests.Http;

public class ProblemsTests
{
    [Theory]
    [InlineData(RejectionKind.Invalid, 400)]
    [InlineData(RejectionKind.Conflict, 409)]
    [InlineData(RejectionKind.Unprocessable, 422)]
    public void Each_kind_of_rejection_has_its_own_status_code(RejectionKind kind, int status)
    {
        var problem = Problems.FromRejection(new Rejection("some-code", "Because.", kind));

        problem.StatusCode.Should().Be(status);
        problem.ProblemDetails.Status.Should().Be(status);
    }

    [Fact]
    public void A_rejection_problem_carries_the_code_the_reason_and_the_extensions_given()
    {
        var rejection = Rejection.Unprocessable("insufficient-funds", "Available 5.00 EUR, requested 9.00 EUR.");

        var problem = Problems.FromRejection(rejection, new Dictionary<string, object?> { ["sequence"] = 12L });

        problem.ProblemDetails.Type.Should().Be("https://entityactors.dev/problems/insufficient-funds");
        problem.ProblemDetails.Title.Should().Be("The signal was refused by a business rule.");
        problem.ProblemDetails.Detail.Should().Be("Available 5.00 EUR, requested 9.00 EUR.");
        problem.ProblemDetails.Extensions.Should().Contain("code", "insufficient-funds").And.Contain("sequence", 12L);
    }

    [Fact]
    public void The_code_extension_cannot_be_overridden_by_the_caller()
    {
        var problem = Problems.Create(409, "the-real-code", "Title.", "Detail.", new Dictionary<string, object?> { ["code"] = "forged" });

        problem.ProblemDetails.Extensions["code"].Should().Be("the-real-code");
    }
}
