namespace EntityActors.App.Http;

/// <summary>Registration of how errors are answered: every one a problem with a stable <c>code</c>.</summary>
public static class ProblemHosting
{
    public static IHostApplicationBuilder AddEntityProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // The same answer in every environment: a parameter that does not bind throws (and becomes a problem with a
        // code above) instead of a bare 400 outside Development.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
