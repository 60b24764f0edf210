using System.Text.Json.Nodes;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>
/// The dashboard's sign-in as deployed: App Service Authentication with Entra ID only when an app registration's
/// client id is given, every request signed in except website intake and the health probe, and a 401 (not a login
/// redirect) for a script without a session.
/// </summary>
public sealed class DashboardAuthTests
{
    private static readonly Lazy<JsonObject> Main = new(() =>
        JsonNode.Parse(BicepCli.Build(Path.Combine(RepositoryRoot.Path, "infra", "main.bicep")))!.AsObject());

    [Fact]
    public void Authentication_is_deployed_only_with_a_client_id()
    {
        var parameter = Main.Value["parameters"]!["authClientId"]!;
        var module = Main.Value["resources"]!["auth"]!;

        Assert.Equal(string.Empty, parameter["defaultValue"]!.GetValue<string>());
        Assert.Equal("[not(empty(parameters('authClientId')))]", module["condition"]!.GetValue<string>());
    }

    [Fact]
    public void Everything_but_intake_and_health_needs_a_signed_in_user()
    {
        var template = Main.Value["resources"]!["auth"]!["properties"]!["template"]!;
        var settings = Resources(template).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites/config");
        var validation = settings["properties"]!["globalValidation"]!;
        var excluded = template["parameters"]!["excludedPaths"]!["defaultValue"]!.AsArray().Select(p => p!.GetValue<string>());

        Assert.EndsWith("'authsettingsV2')]", settings["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(settings["properties"]!["platform"]!["enabled"]!.GetValue<bool>());
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", validation["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.Equal(["/api/forms/*", "/api/health"], excluded);
        Assert.True(settings["properties"]!["identityProviders"]!["azureActiveDirectory"]!["enabled"]!.GetValue<bool>());
    }

    /// <summary>A template's resources: an array, or an object by symbolic name (language version 2.0).</summary>
    private static IEnumerable<JsonNode> Resources(JsonNode template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!),
        JsonObject named => named.Select(pair => pair.Value!),
        _ => [],
    };
}
