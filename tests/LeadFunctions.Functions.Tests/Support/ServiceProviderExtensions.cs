using LeadFunctions.Engine.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Tests.Support;

public static class ServiceProviderExtensions
{
    public static ILeadStore GetRequiredStore(this IServiceProvider services) => services.GetRequiredService<ILeadStore>();
}
