using Portal.Server.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalServices();

var app = builder.Build();
app.MapPortalEndpoints();
app.Run();
