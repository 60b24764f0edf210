using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Tests.Support;

/// <summary>
/// The shipped playbook plus two statuses of the company's own (issue 16): "Hot! Hot! Hot!" in the sales inbox and
/// "Sleeping Giant" in marketing's nurture track; Nurturing also lets StatusSet bring a lead back from the inbox.
/// </summary>
internal static class CustomStatuses
{
    public const string Hot = "HotHotHot";
    public const string HotDisplay = "Hot! Hot! Hot!";
    public const string Sleeping = "SleepingGiant";
    public const string SleepingDisplay = "Sleeping Giant";

    public static readonly Playbook Playbook = PlaybookJson.Parse(Json());

    /// <summary>The playbook's JSON with <paramref name="edit"/> applied to its status list.</summary>
    public static string Json(Action<JsonArray>? edit = null)
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")!;
        var playbook = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var statuses = playbook["statuses"]!.AsArray();
        statuses.Add(new JsonObject
        {
            ["name"] = Hot, ["displayName"] = HotDisplay, ["role"] = "inbox", ["owner"] = "Sales",
            ["from"] = new JsonArray("New", "Nurturing", "Recycled", Sleeping),
        });
        statuses.Add(new JsonObject
        {
            ["name"] = Sleeping, ["displayName"] = SleepingDisplay, ["role"] = "nurture", ["owner"] = "Marketing",
            ["from"] = new JsonArray("New", "ActivelyWorking", "Connected", "Nurturing", Hot),
        });
        statuses.Single(s => (string?)s!["name"] == "Nurturing")!["from"] = new JsonArray(Hot);
        edit?.Invoke(statuses);
        return playbook.ToJsonString();
    }
}
