using LeadFunctions.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddLeadTelemetry();
builder.Services.AddLeadFunctionsApp();
builder.Build().Run();
