using LeadFunctions.Engine;
using LeadFunctions.Http;
using LeadFunctions.Http.OpenApi;
using LeadFunctions.LocalHost;
using LeadFunctions.Storage;
using LeadFunctions.Storage.Queues;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalConsoleLogging();
builder.AddLocalTelemetry();

// Azurite first: hosted services start in registration order, and the others need storage; they stop in reverse,
// so Azurite saves and exits last, after Kestrel (which the web host adds after these) has stopped taking requests.
builder.Services.AddLocalAzurite();
builder.Services.AddLeadEngine();
builder.Services.AddLeadTableStorage();
builder.Services.AddStorageQueueTransitions();
builder.Services.AddLeadHttp();
builder.Services.AddLeadOpenApi();
builder.Services.AddLocalSampleFormOrigins();
builder.Services.AddLocalTransitionWorker();
builder.Services.AddLocalImportWorker();
builder.Services.AddLocalSweepScheduler();
builder.Services.AddLocalLeadEventRelay();
builder.Services.AddLocalWebhookDelivery();

var app = builder.Build();
app.UseLocalWebsiteSamples();
app.UseCors();
app.MapLeadApi();
return await app.RunLocalHostAsync();

/// <summary>Visible to WebApplicationFactory in the end-to-end tests.</summary>
public partial class Program;
