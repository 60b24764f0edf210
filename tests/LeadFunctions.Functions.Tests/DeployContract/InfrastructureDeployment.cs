using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>
/// infra/main.bicep compiled with the Bicep CLI and evaluated as Azure would for one set of parameters: main.bicep's
/// defaults, placeholders for the required parameters and for values only Azure knows (module outputs such as the
/// identity's client id, the Application Insights connection string, Key Vault secrets).
/// </summary>
public sealed class InfrastructureDeployment
{
    public const string IdentityClientId = "00000000-0000-0000-0000-0000000c11e0";
    public const string IdentityPrincipalId = "00000000-0000-0000-0000-0000000a9901";
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>What the platform hands the app for a Key Vault reference: long enough for the HMAC key's minimum.</summary>
    public const string KeyVaultSecretPlaceholder = "placeholder-secret-resolved-from-key-vault-0123456789";

    private static readonly Lazy<JsonObject> Compiled = new(
        () => JsonNode.Parse(BicepCli.Build(System.IO.Path.Combine(RepositoryRoot.Path, "infra", "main.bicep")))!.AsObject());

    private static readonly Dictionary<string, string> RequiredParameters = new(StringComparer.Ordinal)
    {
        ["environmentName"] = "contract",
        ["location"] = "swedencentral",
        ["leadIdentityKey"] = KeyVaultSecretPlaceholder,
    };

    private readonly JsonObject _main;
    private readonly ArmEvaluator _mainScope;
    private readonly Dictionary<string, ArmEvaluator> _moduleScopes = new(StringComparer.Ordinal);

    private InfrastructureDeployment(IReadOnlyDictionary<string, object> overrides)
    {
        _main = Compiled.Value;
        var declared = _main["parameters"]!.AsObject();
        var unknown = overrides.Keys.Where(name => !declared.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"infra/main.bicep declares no parameter {string.Join(", ", unknown)}.", nameof(overrides));
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        var defaults = new ArmEvaluator(values, null, name => throw new InvalidOperationException($"reference('{name}') in a parameter default."));
        foreach (var (name, parameter) in declared)
        {
            values[name] = overrides.TryGetValue(name, out var given) ? JsonSerializer.SerializeToNode(given)
                : RequiredParameters.TryGetValue(name, out var required) ? JsonValue.Create(required)
                : parameter!.AsObject().TryGetPropertyValue("defaultValue", out var fallback) ? defaults.Evaluate(fallback)
                : throw new InvalidOperationException($"infra/main.bicep parameter '{name}' is required and has no placeholder here.");
        }

        _mainScope = new ArmEvaluator(values, _main["variables"]?.AsObject(), ModuleReference);
        var site = Module("functionApp").Template["resources"]!["site"]!["properties"]!;
        var functionApp = Module("functionApp").Scope;
        var settings = functionApp.Evaluate(site["siteConfig"]!["appSettings"])!.AsArray();
        SettingNames = [.. settings.Select(s => ArmEvaluator.Text(s!["name"]))];
        KeyVaultReferences = [.. settings.Where(IsKeyVaultReference).Select(s => ArmEvaluator.Text(s!["name"]))];
        AppSettings = settings.ToDictionary(
            s => ArmEvaluator.Text(s!["name"]),
            s => IsKeyVaultReference(s) ? KeyVaultSecretPlaceholder : ArmEvaluator.Text(s!["value"]),
            StringComparer.OrdinalIgnoreCase);
        DeploymentStorage = functionApp.Evaluate(site["functionAppConfig"]!["deployment"]!["storage"])!.AsObject();
        IdentityRoleIds = RoleAssignments().Where(a => a.PrincipalId == IdentityPrincipalId).Select(a => a.RoleId).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>App setting name to value, as the worker sees them (Key Vault references already resolved).</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>Every name in the order infra writes them; duplicates would be silently collapsed by the platform.</summary>
    public IReadOnlyList<string> SettingNames { get; }

    public IReadOnlyList<string> KeyVaultReferences { get; }

    /// <summary>functionAppConfig.deployment.storage: where the platform pulls the deployment package from.</summary>
    public JsonObject DeploymentStorage { get; }

    /// <summary>Built-in role definition ids the roles module grants the app's identity.</summary>
    public IReadOnlySet<string> IdentityRoleIds { get; }

    /// <summary>Parameters given here replace main.bicep's defaults, as `azd env set` or a .bicepparam would.</summary>
    public static InfrastructureDeployment Evaluate(IReadOnlyDictionary<string, object>? parameters = null)
        => new(parameters ?? new Dictionary<string, object>());

    private static bool IsKeyVaultReference(JsonNode? setting)
        => ArmEvaluator.Text(setting!["value"]).StartsWith(KeyVaultReferencePrefix, StringComparison.Ordinal);

    private (JsonObject Template, ArmEvaluator Scope) Module(string symbolicName)
    {
        var template = _main["resources"]![symbolicName]?["properties"]?["template"]?.AsObject()
            ?? throw new KeyNotFoundException($"main.bicep has no module '{symbolicName}'.");
        if (!_moduleScopes.TryGetValue(symbolicName, out var scope))
        {
            var given = _main["resources"]![symbolicName]!["properties"]!["parameters"]!.AsObject();
            var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, parameter) in template["parameters"]!.AsObject())
            {
                values[name] = given.TryGetPropertyValue(name, out var value) ? _mainScope.Evaluate(value!["value"])
                    : parameter!.AsObject().TryGetPropertyValue("defaultValue", out var fallback) ? fallback?.DeepClone()
                    : throw new InvalidOperationException($"Module '{symbolicName}' gets no value for '{name}'.");
            }

            scope = new ArmEvaluator(values, template["variables"]?.AsObject(), name => ResourceReference(symbolicName, name));
            _moduleScopes[symbolicName] = scope;
        }

        return (template, scope);
    }

    // reference('<module>') in main.bicep: the module's outputs, evaluated in the module where they only depend on its
    // parameters, placeholders where Azure assigns them.
    private JsonObject ModuleReference(string module)
    {
        var names = _mainScope.Evaluate(JsonValue.Create("[variables('names')]"))!;
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["identity.clientId"] = IdentityClientId,
            ["identity.principalId"] = IdentityPrincipalId,
            ["serviceBus.fullyQualifiedNamespace"] = $"{ArmEvaluator.Text(names["serviceBus"])}.servicebus.windows.net",
            ["keyVault.uri"] = $"https://{ArmEvaluator.Text(names["keyVault"])}.vault.azure.net/",
            ["keyVault.leadIdentityKeySecretUri"] = $"https://{ArmEvaluator.Text(names["keyVault"])}.vault.azure.net/secrets/LeadIdentity--Key",
        };
        var (template, scope) = Module(module);
        var outputs = new JsonObject();
        foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
        {
            outputs[name] = new JsonObject
            {
                ["value"] = assigned.TryGetValue($"{module}.{name}", out var placeholder) ? JsonValue.Create(placeholder) : scope.Evaluate(output!["value"]),
            };
        }

        return new JsonObject { ["outputs"] = outputs };
    }

    private static JsonObject ResourceReference(string module, string resource) => (module, resource) switch
    {
        ("functionApp", "appInsights") => new JsonObject
        {
            ["ConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-00000000a1a1;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/",
        },
        _ => throw new NotSupportedException($"No placeholder for reference('{resource}') in module '{module}'."),
    };

    private IEnumerable<(string PrincipalId, string RoleId)> RoleAssignments()
    {
        var (template, scope) = Module("roles");
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!),
            JsonObject map => map.Select(p => p.Value!),
            _ => [],
        };
        foreach (var resource in resources.Where(r => ArmEvaluator.Text(r["type"]) == "Microsoft.Authorization/roleAssignments"))
        {
            var count = resource["copy"] is { } copy ? int.Parse(scope.Evaluate(copy["count"])!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
            for (var i = 0; i < count; i++)
            {
                var index = resource["copy"] is null ? (int?)null : i;
                var properties = resource["properties"]!;
                var roleDefinitionId = ArmEvaluator.Text(scope.Evaluate(properties["roleDefinitionId"], index));
                yield return (ArmEvaluator.Text(scope.Evaluate(properties["principalId"], index)), roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..]);
            }
        }
    }
}
