using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.TestSupport;

/// <summary>
/// The shipped playbook with two statuses of the company's own (issue 16): "Hot! Hot! Hot!" (HotHotHot, role inbox) and
/// "Sleeping Giant" (SleepingGiant, role nurture), each listing the statuses StatusSet may bring a lead from; and every
/// day a business day, so an SLA clock starts the moment a lead enters the inbox whatever day the tests run.
/// </summary>
public static class CustomStatusPlaybook
{
    public const string Hot = "HotHotHot";
    public const string HotDisplay = "Hot! Hot! Hot!";
    public const string Sleeping = "SleepingGiant";
    public const string SleepingDisplay = "Sleeping Giant";

    public static string Json()
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")
            ?? throw new InvalidOperationException("The default playbook resource is missing.");
        var playbook = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var statuses = playbook["statuses"]!.AsArray();
        statuses.Add(new JsonObject
        {
            ["name"] = Hot, ["displayName"] = HotDisplay, ["role"] = "inbox", ["owner"] = "Sales",
            ["from"] = new JsonArray("New", "Nurturing", Sleeping),
        });
        statuses.Add(new JsonObject
        {
            ["name"] = Sleeping, ["displayName"] = SleepingDisplay, ["role"] = "nurture", ["owner"] = "Marketing",
            ["from"] = new JsonArray("New", "ActivelyWorking", "Connected", Hot),
        });
        playbook["businessCalendar"]!["weekend"] = new JsonArray();
        playbook["businessCalendar"]!["holidays"] = new JsonArray();
        playbook["businessCalendar"]!["recurringHolidays"] = new JsonArray();
        return playbook.ToJsonString();
    }

    /// <summary>Writes the playbook to a new temporary file, for a host's Playbook:Path; the caller deletes it.</summary>
    public static string WriteTemporary()
    {
        var path = Path.Combine(Path.GetTempPath(), $"custom-statuses-playbook-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Json());
        return path;
    }
}
