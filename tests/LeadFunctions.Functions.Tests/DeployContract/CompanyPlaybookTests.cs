using LeadFunctions.Domain.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>
/// A company's playbook ships in the deployment package (the app's base directory) and is named by the playbookPath
/// parameter; the Functions host's working directory is not the package folder, so the path must not depend on it.
/// </summary>
[Collection(SharedWorkingDirectory.Name)]
public sealed class CompanyPlaybookTests
{
    private const string DefaultThreshold = "\"activityPointsForSql\": 100";

    [Fact]
    public void A_company_playbook_in_the_base_directory_loads_from_the_deployed_settings()
    {
        var fileName = $"playbook-{Guid.NewGuid():N}.json";
        var file = Path.Combine(AppContext.BaseDirectory, fileName);
        var elsewhere = Directory.CreateTempSubdirectory("leadfunctions-cwd-");
        var original = Directory.GetCurrentDirectory();
        try
        {
            File.WriteAllText(file, CompanyPlaybookJson());
            var deployment = InfrastructureDeployment.Evaluate(new Dictionary<string, object> { ["playbookPath"] = fileName });
            Directory.SetCurrentDirectory(elsewhere.FullName);

            using var provider = DeployedApp.Start(deployment.AppSettings);

            Assert.Equal(fileName, deployment.AppSettings["Playbook__Path"]);
            Assert.Equal(137, provider.GetRequiredService<Playbook>().Thresholds.ActivityPointsForSql);
        }
        finally
        {
            Directory.SetCurrentDirectory(original);
            File.Delete(file);
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_company_playbook_stops_start_up_naming_the_path()
    {
        var fileName = $"missing-{Guid.NewGuid():N}.json";
        var deployment = InfrastructureDeployment.Evaluate(new Dictionary<string, object> { ["playbookPath"] = fileName });

        var error = Record.Exception(() => DeployedApp.Start(deployment.AppSettings).Dispose());

        Assert.NotNull(error);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    private static string CompanyPlaybookJson()
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")!;
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        Assert.Contains(DefaultThreshold, json, StringComparison.Ordinal);
        return json.Replace(DefaultThreshold, "\"activityPointsForSql\": 137", StringComparison.Ordinal);
    }
}
