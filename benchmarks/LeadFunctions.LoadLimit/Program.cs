using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

// POST /api/forms/{formId}/submissions -> parse the JSON body, derive a lead id from the e-mail (HMAC, as the product
// does), and write lead row + command row in ONE batch to a single-partition-per-lead table. Nothing else.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connection = builder.Configuration["LeadStorage:ConnectionString"]
    ?? throw new InvalidOperationException("Set LeadStorage__ConnectionString.");
var clientOptions = new TableClientOptions();
clientOptions.Retry.MaxRetries = 2;
clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
var table = new TableServiceClient(connection, clientOptions).GetTableClient(builder.Configuration["LoadLimit:Table"] ?? "LimitLeads");
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
    TableTransactionAction[] batch =
    [
        new(TableTransactionActionType.Add, new TableEntity(leadId, "lead")
        {
            ["Stage"] = "SQL", ["Status"] = "New", ["OwnerTeam"] = "Sales", ["Quadrant"] = "HotHotHot",
            ["CheckBackDue"] = false, ["SlaBreached"] = false, ["Version"] = 1L, ["State"] = state,
        }),
        new(TableTransactionActionType.Add, new TableEntity(leadId, "cmd|sub:" + submissionId)
        {
            ["CommandId"] = "sub:" + submissionId, ["Type"] = "FormSubmitted", ["Outcome"] = "Applied", ["Actor"] = "form:" + formId,
            ["OccurredAt"] = now, ["RecordedAt"] = now, ["ToStage"] = "SQL", ["ToStatus"] = "New", ["Sequence"] = 1L,
        }),
    ];
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
