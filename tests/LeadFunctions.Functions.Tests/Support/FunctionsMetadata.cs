using System.Text.Json;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>One trigger binding as functions.metadata describes it.</summary>
public sealed record TriggerBinding(string Function, string EntryPoint, JsonElement Binding)
{
    public string Type => Binding.GetProperty("type").GetString()!;

    public string? Text(string property) => Binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool? Flag(string property) => Binding.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public IReadOnlyList<string> Methods => Binding.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [];
}

/// <summary>
/// The functions.metadata the Worker SDK generates from the built app: what the Functions host indexes the app by in
/// Azure. The app's build copies it next to the app's binaries, and from there into this project's output.
/// </summary>
public static class FunctionsMetadata
{
    private static readonly Lazy<IReadOnlyList<TriggerBinding>> LazyTriggers = new(Load);

    public static IReadOnlyList<TriggerBinding> Triggers => LazyTriggers.Value;

    public static TriggerBinding Trigger(string function) => Triggers.Single(t => t.Function == function);

    private static List<TriggerBinding> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"functions.metadata is missing from {AppContext.BaseDirectory}: the Functions app's build did not generate it.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function => new TriggerBinding(
            function.GetProperty("name").GetString()!,
            function.GetProperty("entryPoint").GetString()!,
            function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone()))];
    }
}
