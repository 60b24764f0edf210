using LeadFunctions.Engine;
using LeadFunctions.Functions.Hosting;
using LeadFunctions.Http;
using LeadFunctions.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddLeadTelemetry();

builder.Services.AddLeadEngine();
builder.Services.AddLeadTableStorage();
builder.Services.AddLeadHttp();
builder.Services.AddServiceBusTransitions();

builder.Build().Run();
