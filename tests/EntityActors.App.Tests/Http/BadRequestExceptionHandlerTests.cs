using System.Text.Json;
using EntityActors.App.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace EntityActors.App.Tests.Http;

public class BadRequestExceptionHandlerTests
{
    public static TheoryData<Delegate, string, string, string> Bindings() => new()
    {
        // handler, query parameter, malformed value, code
        { (long? minSequence) => minSequence, "minSequence", "abc", "invalid-min-sequence" },
        { (long? minVersion) => minVersion, "minVersion", "1.5", "invalid-min-version" },
        { (long? minVersion) => minVersion, "minVersion", "99999999999999999999999", "invalid-min-version" },
        { (int? limit) => limit, "limit", "ten", "invalid-limit" },
        { (DateTimeOffset? changedAfter) => changedAfter, "changedAfter", "yesterday", "invalid-changed-after" },
    };

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_query_parameter_that_does_not_bind_is_a_400_named_after_the_parameter(Delegate handler, string name, string value, string code)
    {
        var exception = await BindingFailureAsync(handler, new Dictionary<string, StringValues> { [name] = value });

        BadRequestExceptionHandler.Describe(exception).Code.Should().Be(code);
        exception.StatusCode.Should().Be(StatusCodes.Status400BadRequest);
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Its_detail_names_the_parameter_and_the_value_without_the_frameworks_types(Delegate handler, string name, string value, string code)
    {
        var exception = await BindingFailureAsync(handler, new Dictionary<string, StringValues> { [name] = value });

        var detail = BadRequestExceptionHandler.Detail(exception);

        detail.Should().StartWith($"{name} must be ").And.EndWith($"; got '{value}'.").And.NotContain("Nullable", code);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_named_too()
    {
        var exception = await BindingFailureAsync((int limit) => limit, new Dictionary<string, StringValues>());

        BadRequestExceptionHandler.Describe(exception).Code.Should().Be("invalid-limit");
    }

    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout, "request-body-timeout")]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "body-too-large")]
    [InlineData(StatusCodes.Status400BadRequest, "bad-request")]
    public void Other_bad_requests_have_a_code_for_their_status(int status, string code)
    {
        BadRequestExceptionHandler.Describe(new BadHttpRequestException("Something about the request.", status)).Code.Should().Be(code);
    }

    [Fact]
    public async Task A_slow_body_is_answered_as_a_408_problem_with_its_code()
    {
        var context = NewContext();

        var handled = await NewHandler(context).TryHandleAsync(
            context,
            new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", 408),
            CancellationToken.None);

        handled.Should().BeTrue();
        context.Response.StatusCode.Should().Be(408);
        context.Response.ContentType.Should().StartWith("application/problem+json");
        var problem = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement;
        problem.GetProperty("code").GetString().Should().Be("request-body-timeout");
        problem.GetProperty("status").GetInt32().Should().Be(408);
        problem.GetProperty("detail").GetString().Should().Contain("too slowly");
    }

    [Fact]
    public async Task Any_other_exception_is_left_to_the_default_handler()
    {
        var context = NewContext();

        var handled = await NewHandler(context).TryHandleAsync(context, new InvalidOperationException("boom"), CancellationToken.None);

        handled.Should().BeFalse();
        context.Response.Body.Length.Should().Be(0);
    }

    private static async Task<BadHttpRequestException> BindingFailureAsync(Delegate handler, Dictionary<string, StringValues> query)
    {
        var endpoint = RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions { ThrowOnBadRequest = true });
        var context = NewContext();
        context.Request.Query = new QueryCollection(query);

        var act = () => endpoint.RequestDelegate(context);

        return (await act.Should().ThrowAsync<BadHttpRequestException>()).Which;
    }

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };

    private static BadRequestExceptionHandler NewHandler(HttpContext context) =>
        new(context.RequestServices.GetRequiredService<IProblemDetailsService>());
}
