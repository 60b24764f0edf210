using System.Globalization;
using System.Text.Json;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Routing;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

/// <summary>
/// GET /api/reps and PUT /api/reps/{repId}/availability (keyed): reps as data. A rep out of office is passed by in the
/// rotation until they are back (or until the time given); coming back, they take their share from then on.
/// </summary>
public sealed class RepEndpoints
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "available", "until" };

    private readonly RepsHandler _reps;
    private readonly IOptions<IntakeOptions> _options;

    public RepEndpoints(RepsHandler reps, IOptions<IntakeOptions> options)
    {
        _reps = reps;
        _options = options;
    }

    public Task<Results<JsonHttpResult<RepList>, ProblemAnswer>> ListAsync(CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync<Results<JsonHttpResult<RepList>, ProblemAnswer>>(
            async () => TypedResults.Json(new RepList(await _reps.ListAsync(cancellationToken)), ApiJson.Options),
            p => p,
            cancellationToken);

    public Task<Results<JsonHttpResult<AvailabilitySet>, ProblemAnswer>> SetAvailabilityAsync(HttpRequest request, string repId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => SetCoreAsync(request, repId), p => p, request.HttpContext.RequestAborted);
    }

    private async Task<Results<JsonHttpResult<AvailabilitySet>, ProblemAnswer>> SetCoreAsync(HttpRequest request, string repId)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        if (!RoutingIds.IsValid(repId))
        {
            return NoSuchRep();
        }

        var read = await BodyReader.JsonObjectAsync(request, _options.Value.MaxBodyBytes, maxDepth: 8, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var root = read.Root;
        var errors = new List<FieldError>();
        var availability = Read(root, errors);
        if (availability is null)
        {
            return Problems.Invalid(errors);
        }

        var change = await _reps.SetAvailabilityAsync(repId, availability, cancellationToken);
        return change.Result switch
        {
            AvailabilityResult.Saved => TypedResults.Json(
                new AvailabilitySet(repId, availability.Available, availability.Until, change.QueuedLeadsOffered), ApiJson.Options),
            AvailabilityResult.UntilInThePast => Problems.Invalid("until", "Must be in the future; to mark the rep back now, send {\"available\": true}."),
            _ => NoSuchRep(),
        };
    }

    private static RepAvailability? Read(JsonElement root, List<FieldError> errors)
    {
        foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors.Add(new FieldError(FieldNames.Shortened(property.Name), "Unknown field."));
        }

        bool? available = root.TryGetProperty("available", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : null;
        if (available is null)
        {
            errors.Add(new FieldError("available", "Required: true or false."));
        }

        DateTimeOffset? until = null;
        if (root.TryGetProperty("until", out var u) && u.ValueKind != JsonValueKind.Null)
        {
            if (u.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(u.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                errors.Add(new FieldError("until", "Must be an ISO-8601 instant, such as 2026-12-14T08:00:00Z."));
            }
            else if (available == true)
            {
                errors.Add(new FieldError("until", "Only with \"available\": false (how long the rep is away)."));
            }
            else
            {
                until = parsed.ToUniversalTime();
            }
        }

        return errors.Count == 0 ? new RepAvailability(available!.Value, until) : null;
    }

    private static ProblemAnswer NoSuchRep() => Problems.NotFound(RejectionReasons.NoSuchRep, "There is no such rep in the playbook's teams; GET /api/reps lists them.");
}
