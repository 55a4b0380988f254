using EntityActors.App.Entities;
using EntityActors.App.Health;
using EntityActors.App.Hosting;
using EntityActors.App.Http;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options => EntityJson.Configure(options.SerializerOptions));
builder.AddEntityActors();
builder.AddEntityHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapEntityHealthChecks();
app.MapEntityActors();
app.MapUnknownRoutes();

app.Run();
