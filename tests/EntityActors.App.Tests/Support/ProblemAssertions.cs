using EntityActors.App.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Tests.Support;

internal static class ProblemAssertions
{
    /// <summary>The request failed with exactly this status and <c>code</c>, and produced no submission.</summary>
    public static ProblemHttpResult ShouldFailWith(this SignalRequest request, int status, string code)
    {
        request.Submission.Should().BeNull("a failed request must not reach the entity");
        request.Problem.Should().NotBeNull("the request should have failed with {0} {1}", status, code);
        var problem = request.Problem!;
        problem.StatusCode.Should().Be(status, "detail: {0}", problem.ProblemDetails.Detail);
        problem.ProblemDetails.Extensions.Should().Contain("code", code, "detail: {0}", problem.ProblemDetails.Detail);
        problem.ProblemDetails.Type.Should().Be(Problems.TypePrefix + code);
        return problem;
    }
}
