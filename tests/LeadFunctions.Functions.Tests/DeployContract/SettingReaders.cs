using System.Collections;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>
/// Who reads an app setting: the app's options (the registered options types' public settable properties under their
/// Section), the binding connections functions.metadata names, or the Functions host itself (a short list, each with
/// its reason). Null means nobody: a dead setting.
/// </summary>
public static class SettingReaders
{
    /// <summary>Read by the Functions host or its SDKs, not by the app's options.</summary>
    public static readonly IReadOnlyDictionary<string, string> HostOwnedPrefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage__"] = "the Functions host's own storage (timer schedule monitors, singleton locks, keys)",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "where the host (telemetryMode OpenTelemetry) and the worker's Azure Monitor exporter send telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Entra ID ingestion for both: the host's, and the worker's exporter through AzureMonitorCredential (local auth is off on the component)",
        ["FUNCTIONS_"] = "Functions runtime settings",
    };

    /// <summary>Options properties only one optional component reads: they count as read only when it is registered.</summary>
    public static readonly IReadOnlyDictionary<string, string> ComponentOnly = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // The storage-queue transport (LocalHost); the Functions app carries transitions on Service Bus.
        ["LeadStorage:QueueServiceUri"] = "Azure.Storage.Queues.QueueServiceClient",
    };

    public static string? Reader(string setting, IServiceCollection services)
    {
        var host = HostOwnedPrefixes.FirstOrDefault(p => setting.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase));
        if (host.Key is not null)
        {
            return "host: " + host.Value;
        }

        // Ordered by function name: the metadata lists functions in no promised order, and the answer should not move.
        var connection = MetadataBindings.Strings.Where(s => s.Property == "connection").OrderBy(s => s.Function, StringComparer.Ordinal)
            .FirstOrDefault(s => setting.StartsWith(s.Value + "__", StringComparison.OrdinalIgnoreCase));
        if (connection.Value is not null)
        {
            return $"host: the {connection.Value} connection of function {connection.Function}";
        }

        var key = setting.Replace("__", ":", StringComparison.Ordinal);
        if (ComponentOnly.TryGetValue(key, out var component) && !services.Any(d => d.ServiceType.FullName == component))
        {
            return null;
        }

        return OptionsTypes(services)
            .Select(type => (type, section: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.section is not null && key.StartsWith(t.section + ":", StringComparison.OrdinalIgnoreCase))
            .Where(t => Binds(t.type, key[(t.section!.Length + 1)..].Split(':')))
            .Select(t => "app: " + t.type.Name)
            .FirstOrDefault();
    }

    public static IEnumerable<Type> OptionsTypes(IServiceCollection services) => services
        .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
        .Select(d => d.ServiceType.GetGenericArguments()[0])
        .Distinct();

    private static bool Binds(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (path.IsEmpty)
        {
            return IsLeaf(type);
        }

        if (IsLeaf(type))
        {
            return false;
        }

        if (type.IsAssignableTo(typeof(IEnumerable)))
        {
            var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments().SingleOrDefault();
            return element is not null && int.TryParse(path[0], out _) && Binds(element, path[1..]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { SetMethod.IsPublic: true } && Binds(property.PropertyType, path[1..]);
    }

    private static bool IsLeaf(Type type)
        => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Uri) || type == typeof(TimeSpan) || type == typeof(decimal);
}
