using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>
/// Evaluates the compiled template's expressions with the functions that template uses and no others: an unknown
/// function throws, so a new construct in the Bicep is noticed here rather than silently mis-evaluated.
/// </summary>
public sealed class ArmEvaluator
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000005b1";

    private readonly IReadOnlyDictionary<string, JsonNode?> _parameters;
    private readonly JsonObject _variables;
    private readonly Func<string, JsonNode?> _reference;
    private readonly Dictionary<string, JsonNode?> _evaluatedVariables = new(StringComparer.OrdinalIgnoreCase);

    public ArmEvaluator(IReadOnlyDictionary<string, JsonNode?> parameters, JsonObject? variables, Func<string, JsonNode?> reference)
    {
        _parameters = parameters;
        _variables = variables ?? [];
        _reference = reference;
    }

    /// <summary>A template value: strings in '[...]' are expressions ('[[' escapes a literal '['); objects and arrays are walked.</summary>
    public JsonNode? Evaluate(JsonNode? template, int? copyIndex = null) => template switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(Text(Evaluate(JsonValue.Create(p.Key), copyIndex)), Evaluate(p.Value, copyIndex)))),
        JsonArray a => new JsonArray([.. a.Select(item => Evaluate(item, copyIndex))]),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith('[') && s.EndsWith(']') && !s.StartsWith("[[", StringComparison.Ordinal)
            => Own(Evaluate(ArmParser.Parse(s[1..^1]), new Frame(copyIndex, ImmutableDictionary<string, JsonNode?>.Empty))),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith("[[", StringComparison.Ordinal) => JsonValue.Create(s[1..]),
        _ => template?.DeepClone(),
    };

    private sealed record Frame(int? CopyIndex, ImmutableDictionary<string, JsonNode?> LambdaVariables);

    private JsonNode? Evaluate(ArmNode node, Frame frame) => node switch
    {
        ArmNode.Literal literal => literal.Value?.DeepClone(),
        ArmNode.Member member => Property(Evaluate(member.Target, frame), member.Name),
        ArmNode.Index index => Item(Evaluate(index.Target, frame), Evaluate(index.Key, frame)),
        ArmNode.Call call => Call(call, frame),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private JsonNode? Call(ArmNode.Call call, Frame frame)
    {
        // Lazily evaluated first: if() and map() must not evaluate the branch or lambda body up front.
        switch (call.Name.ToLowerInvariant())
        {
            case "if":
                return Truthy(Evaluate(call.Arguments[0], frame)) ? Evaluate(call.Arguments[1], frame) : Evaluate(call.Arguments[2], frame);
            case "map":
                return Map(Evaluate(call.Arguments[0], frame), call.Arguments[1], frame);
            default:
                break;
        }

        var args = call.Arguments.Select(a => Evaluate(a, frame)).ToList();
        return call.Name.ToLowerInvariant() switch
        {
            "parameters" => _parameters.TryGetValue(Text(args[0]), out var parameter)
                ? parameter?.DeepClone()
                : throw new KeyNotFoundException($"parameters('{Text(args[0])}') has no value."),
            "variables" => Variable(Text(args[0])),
            "lambdavariables" => frame.LambdaVariables[Text(args[0])]?.DeepClone(),
            "copyindex" => JsonValue.Create(frame.CopyIndex ?? throw new InvalidOperationException("copyIndex() outside a copy loop.")),
            "concat" => args.All(a => a is JsonArray)
                ? new JsonArray([.. args.SelectMany(a => a!.AsArray()).Select(Own)])
                : JsonValue.Create(string.Concat(args.Select(Text))),
            "createarray" => new JsonArray([.. args.Select(Own)]),
            "createobject" => CreateObject(args),
            "format" => JsonValue.Create(Format(Text(args[0]), args.Skip(1))),
            "union" => Union(args),
            "tolower" => JsonValue.Create(Text(args[0]).ToLowerInvariant()),
            "uniquestring" => JsonValue.Create(UniqueString(args.Select(Text))),
            "empty" => JsonValue.Create(args[0] switch
            {
                null => true,
                JsonArray a => a.Count == 0,
                JsonObject o => o.Count == 0,
                var v => string.IsNullOrEmpty(Text(v)),
            }),
            "length" => JsonValue.Create(args[0] switch
            {
                JsonArray a => a.Count,
                JsonObject o => o.Count,
                var v => Text(v).Length,
            }),
            "flatten" => new JsonArray([.. args[0]!.AsArray().SelectMany(inner => inner!.AsArray()).Select(Own)]),
            "subscription" => new JsonObject { ["id"] = $"/subscriptions/{SubscriptionId}", ["subscriptionId"] = SubscriptionId },
            "environment" => new JsonObject { ["name"] = "AzureCloud", ["suffixes"] = new JsonObject { ["storage"] = "core.windows.net" } },
            "subscriptionresourceid" => JsonValue.Create($"/subscriptions/{SubscriptionId}/providers/{Text(args[0])}/{string.Join('/', args.Skip(1).Select(Text))}"),
            "resourceid" => JsonValue.Create($"/subscriptions/{SubscriptionId}/resourceGroups/rg-placeholder/providers/{Text(args[0])}/{string.Join('/', args.Skip(1).Select(Text))}"),
            "reference" => _reference(Text(args[0])),
            _ => throw new NotSupportedException($"The deploy-contract evaluator does not know the ARM function '{call.Name}'; add it if the Bicep now needs it."),
        };
    }

    private JsonNode? Variable(string name)
    {
        if (!_evaluatedVariables.TryGetValue(name, out var value))
        {
            value = _variables.TryGetPropertyValue(name, out var template)
                ? Evaluate(template)
                : throw new KeyNotFoundException($"variables('{name}') is not declared.");
            _evaluatedVariables[name] = value;
        }

        return value?.DeepClone();
    }

    private JsonArray Map(JsonNode? source, ArmNode lambdaNode, Frame frame)
    {
        if (lambdaNode is not ArmNode.Call { Name: "lambda" } lambda)
        {
            throw new NotSupportedException("map() expects a lambda().");
        }

        var names = lambda.Arguments.SkipLast(1).Select(a => Text(Evaluate(a, frame))).ToList();
        var body = lambda.Arguments[^1];
        var result = new JsonArray();
        var items = source!.AsArray();
        for (var i = 0; i < items.Count; i++)
        {
            var variables = frame.LambdaVariables.SetItem(names[0], items[i]?.DeepClone());
            if (names.Count > 1)
            {
                variables = variables.SetItem(names[1], JsonValue.Create(i));
            }

            result.Add(Own(Evaluate(body, frame with { LambdaVariables = variables })));
        }

        return result;
    }

    private static JsonObject CreateObject(List<JsonNode?> args)
    {
        var result = new JsonObject();
        for (var i = 0; i < args.Count; i += 2)
        {
            result[Text(args[i])] = Own(args[i + 1]);
        }

        return result;
    }

    private static JsonObject Union(List<JsonNode?> args)
    {
        var result = new JsonObject();
        foreach (var property in args.SelectMany(a => a!.AsObject()))
        {
            result[property.Key] = Own(property.Value);
        }

        return result;
    }

    private static string Format(string format, IEnumerable<JsonNode?> args)
        => string.Format(CultureInfo.InvariantCulture, format, [.. args.Select(a => (object)Text(a))]);

    // Deterministic stand-in for ARM's 13-character base-32 hash; only its shape matters to the app.
    private static string UniqueString(IEnumerable<string> values)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', values)));
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return new string([.. hash.Take(13).Select(b => alphabet[b % 32])]);
    }

    private static JsonNode? Property(JsonNode? target, string name) => target is JsonObject o
        ? o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } p
            ? p.Value?.DeepClone()
            : throw new KeyNotFoundException($"Property '{name}' not found on {o.ToJsonString()}.")
        : throw new InvalidOperationException($"'.{name}' on a non-object.");

    private static JsonNode? Item(JsonNode? target, JsonNode? key) => target switch
    {
        JsonArray a => a[int.Parse(key!.ToJsonString(), CultureInfo.InvariantCulture)]?.DeepClone(),
        JsonObject => Property(target, Text(key)),
        _ => throw new InvalidOperationException("Index on a non-collection."),
    };

    private static bool Truthy(JsonNode? value) => value is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new InvalidOperationException("if() needs a bool.");

    private static JsonNode? Own(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    /// <summary>A value as ARM prints it into a string: strings as they are, numbers and bools invariant.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "True" : "False",
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
