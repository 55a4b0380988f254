using EntityActors.App.Hosting;

// The content root is the app's own folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddEntityApp();

var app = builder.Build();
app.UseEntityApp();
app.Run();
