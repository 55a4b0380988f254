using EntityActors.App.ApiDocs;
using EntityActors.App.Cluster;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Explorer;
using EntityActors.App.Health;
using EntityActors.App.History;
using EntityActors.App.Hosting;
using EntityActors.App.Hosting.Shutdown;
using EntityActors.App.Http;
using EntityActors.App.ReadModel;
using EntityActors.App.Retention;
using EntityActors.App.Security;
using EntityActors.App.Telemetry;

// The content root is the app's own folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddEntityProblems();
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

var app = builder.Build();

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

app.Run();
