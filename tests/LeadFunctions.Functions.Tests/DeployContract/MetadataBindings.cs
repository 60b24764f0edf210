using System.Text.Json;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>Every binding (trigger, input, output) of every function in the generated functions.metadata.</summary>
public static class MetadataBindings
{
    private static readonly Lazy<IReadOnlyList<(string Function, JsonElement Binding)>> LazyAll = new(Load);

    public static IReadOnlyList<(string Function, JsonElement Binding)> All => LazyAll.Value;

    /// <summary>String-valued binding properties, e.g. ("queueName", "%Transitions:QueueName%").</summary>
    public static IEnumerable<(string Function, string Property, string Value)> Strings
        => All.SelectMany(b => b.Binding.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .Select(p => (b.Function, p.Name, p.Value.GetString()!)));

    private static List<(string, JsonElement)> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return [.. document.RootElement.EnumerateArray().SelectMany(function => function.GetProperty("bindings").EnumerateArray()
            .Select(binding => (function.GetProperty("name").GetString()!, binding.Clone())))];
    }
}
