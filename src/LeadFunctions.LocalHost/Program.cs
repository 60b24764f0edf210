using LeadFunctions.Engine;
using LeadFunctions.Http;
using LeadFunctions.LocalHost;
using LeadFunctions.Storage;
using LeadFunctions.Storage.Queues;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalTelemetry();

// Azurite first: hosted services start in registration order, and the others need storage.
builder.Services.AddLocalAzurite();
builder.Services.AddLeadEngine();
builder.Services.AddLeadTableStorage();
builder.Services.AddStorageQueueTransitions();
builder.Services.AddLeadHttp();
builder.Services.AddLocalTransitionWorker();
builder.Services.AddLocalSweepScheduler();

var app = builder.Build();
app.UseLocalWebsiteSamples();
app.UseCors();
app.MapLeadApi();
app.Run();

/// <summary>Visible to WebApplicationFactory in the end-to-end tests.</summary>
public partial class Program;
