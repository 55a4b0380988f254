using EntityActors.App.ApiDocs;
using EntityActors.App.Cluster;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Explorer;
using EntityActors.App.Health;
using EntityActors.App.History;
using EntityActors.App.Hosting.Shutdown;
using EntityActors.App.Http;
using EntityActors.App.ReadModel;
using EntityActors.App.Retention;
using EntityActors.App.Security;
using EntityActors.App.Telemetry;

namespace EntityActors.App.Hosting;

/// <summary>
/// The whole app, services then pipeline and endpoints: what <c>Program</c> runs, and what tests build to read the API
/// document the app serves without starting it.
/// </summary>
public static class EntityAppHosting
{
    public static WebApplicationBuilder AddEntityApp(this WebApplicationBuilder builder)
    {
        builder.AddEntityProblems();
        builder.AddRequestLimits();
        builder.AddEntityApiDocs();
        builder.Services.ConfigureHttpJsonOptions(options => EntityJson.Configure(options.SerializerOptions));
        builder.AddEntityTelemetry();
        builder.AddEntitySecurity();
        builder.AddEntityActors();
        builder.AddClusterAgreement();
        builder.AddEntityReadModel();
        builder.AddEntityHistory();
        builder.AddEntityRetention();
        builder.AddEntityHealthChecks();
        builder.AddShutdownDrain();
        return builder;
    }

    public static WebApplication UseEntityApp(this WebApplication app)
    {
        app.UseRequestLimits();
        app.UseHeadAsGet();
        app.UseShutdownDrain();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseEntitySecurity();
        app.UseClusterAgreement();
        app.MapEntityApiDocs();
        app.MapEntityExplorer();
        app.MapEntityTelemetry();
        app.MapEntityHealthChecks();
        app.MapEntityActors();
        app.MapPeerWriters();
        app.MapEntityReadModel();
        app.MapEntityHistories();
        app.MapEntityDeletes();
        app.MapUnknownRoutes();
        return app;
    }
}
