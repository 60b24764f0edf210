using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// The shipped playbook with every day a business day: SLA clocks then start the moment they are set, whatever day
/// the tests run (on a weekend every lead's clock would start at Monday 00:00 and due times would tie).
/// </summary>
public sealed class EveryDayApiFactory : ApiFactory
{
    private readonly string _playbookPath = Path.Combine(Path.GetTempPath(), $"every-day-playbook-{Guid.NewGuid():N}.json");

    public EveryDayApiFactory()
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")
            ?? throw new InvalidOperationException("The default playbook resource is missing.");
        var playbook = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        playbook["businessCalendar"]!["weekend"] = new JsonArray();
        playbook["businessCalendar"]!["holidays"] = new JsonArray();
        playbook["businessCalendar"]!["recurringHolidays"] = new JsonArray();
        File.WriteAllText(_playbookPath, playbook.ToJsonString());
        Settings["Playbook:Path"] = _playbookPath;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_playbookPath);
    }
}
