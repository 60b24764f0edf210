using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Storage.Leads;

// POST /api/forms/{formId}/submissions -> parse the JSON body, derive a lead id from the e-mail (HMAC, as the product
// does), and write ONE entity-group batch. Nothing else: no validation, classification, playbook or pipeline.
// LoadLimit:Shape picks the batch:
//   design  (default) the rows this design writes for a new SQL lead, raw: lead row, command row and three due rows
//           (keys only), in the lead's hash partition of 64, as docs/table-design.md lays out;
//   minimal           lead row + command row in a partition of their own: the least any lead store could write.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connection = builder.Configuration["LeadStorage:ConnectionString"]
    ?? throw new InvalidOperationException("Set LeadStorage__ConnectionString.");
var clientOptions = new TableClientOptions();
clientOptions.Retry.MaxRetries = 2;
clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
var table = new TableServiceClient(connection, clientOptions).GetTableClient(builder.Configuration["LoadLimit:Table"] ?? "LimitLeads");
var designShape = (builder.Configuration["LoadLimit:Shape"] ?? "design") switch
{
    "design" => true,
    "minimal" => false,
    var other => throw new InvalidOperationException($"LoadLimit:Shape is 'design' or 'minimal', not '{other}'."),
};
await table.CreateIfNotExistsAsync();

var key = Encoding.UTF8.GetBytes("limit-key-limit-key-limit-key-limit-0123");

// About the size of the product's State column for a contact-us lead (person, stamps, campaigns, scores).
var state = new string('x', 1400);

var app = builder.Build();
app.MapPost("/api/forms/{formId}/submissions", async (HttpRequest request, string formId) =>
{
    using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
    var email = body.RootElement.GetProperty("email").GetString()!.Trim().ToLowerInvariant();
    var submissionId = body.RootElement.TryGetProperty("submissionId", out var id) ? id.GetString()! : Guid.NewGuid().ToString("N");
    var leadId = "ld-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email)), 0, 12);
    var now = DateTimeOffset.UtcNow;
    var partition = designShape ? LeadKeys.PartitionOf(leadId) : leadId;
    DueEntry[] dueEntries =
    [
        new(SweepKind.DisqualifyNoContact, leadId, now.AddDays(30)),
        new(SweepKind.RecycleDark, leadId, now.AddDays(90)),
        new(SweepKind.FlagSlaBreaches, leadId, now.AddDays(3)),
    ];
    var due = string.Join(';', dueEntries.Select(d => $"{d.Sweep.Name()}:{d.DueAt.UtcTicks}"));
    var batch = new List<TableTransactionAction>
    {
        new(TableTransactionActionType.Add, new TableEntity(partition, LeadKeys.Lead(leadId))
        {
            ["Stage"] = "SQL", ["Status"] = "New", ["OwnerTeam"] = "Sales", ["Quadrant"] = "HotHotHot",
            ["CheckBackDue"] = false, ["SlaBreached"] = false, ["Version"] = 1L, ["State"] = state, ["Due"] = due,
        }),
        new(TableTransactionActionType.Add, new TableEntity(partition, LeadKeys.Command(leadId, "sub:" + submissionId))
        {
            ["CommandId"] = "sub:" + submissionId, ["Type"] = "FormSubmitted", ["Outcome"] = "Applied", ["Actor"] = "form:" + formId,
            ["OccurredAt"] = now, ["RecordedAt"] = now, ["ToStage"] = "SQL", ["ToStatus"] = "New", ["Sequence"] = 1L,
        }),
    };
    if (designShape)
    {
        batch.AddRange(dueEntries.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(partition, LeadKeys.Due(d)))));
    }

    try
    {
        await table.SubmitTransactionAsync(batch, request.HttpContext.RequestAborted);
    }
    catch (TableTransactionFailedException ex) when (ex.Status == 409)
    {
        // Same person again: the limit only measures the one-request path.
    }
    catch (RequestFailedException ex)
    {
        return Results.Problem(ex.Message, statusCode: 503);
    }

    return Results.Json(new Accepted(submissionId, leadId), LimitJson.Default.Accepted, statusCode: 202);
});
await app.RunAsync();

internal sealed record Accepted(string SubmissionId, string LeadId);

[System.Text.Json.Serialization.JsonSerializable(typeof(Accepted))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class LimitJson : System.Text.Json.Serialization.JsonSerializerContext;
