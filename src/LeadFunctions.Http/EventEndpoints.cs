using System.Text.Json;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

/// <summary>
/// POST /api/leads/{leadId}/events and POST /api/events (by e-mail): external events from CRMs and reps. Checked for
/// shape here, then handed to <see cref="EventIntakeHandler"/>, which queues them; the queue consumer applies them
/// through the state machine. 202 {eventId} means durably queued.
/// </summary>
public sealed class EventEndpoints
{
    public const int MaxActorLength = 100;
    public const int MaxReasonLength = 500;
    public const int MaxTextLength = 100;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "eventId", "type", "occurredAt", "actor", "reason", "points", "toStage", "toStatus", "checkBackAt", "owner", "dealId", "email", "status",
    };

    private readonly EventIntakeHandler _handler;
    private readonly TimeProvider _time;
    private readonly IOptions<IntakeOptions> _options;

    public EventEndpoints(EventIntakeHandler handler, TimeProvider time, IOptions<IntakeOptions> options)
    {
        _handler = handler;
        _time = time;
        _options = options;
    }

    public Task<Results<JsonHttpResult<EventAccepted>, ProblemAnswer>> PostForLeadAsync(HttpRequest request, string leadId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => PostCoreAsync(request, leadId), p => p, request.HttpContext.RequestAborted);
    }

    public Task<Results<JsonHttpResult<EventAccepted>, ProblemAnswer>> PostByEmailAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => PostCoreAsync(request, null), p => p, request.HttpContext.RequestAborted);
    }

    private async Task<Results<JsonHttpResult<EventAccepted>, ProblemAnswer>> PostCoreAsync(HttpRequest request, string? routeLeadId)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        if (routeLeadId is not null && !LeadIdentity.IsWellFormed(routeLeadId))
        {
            return NoSuchLead();
        }

        var read = await BodyReader.JsonObjectAsync(request, _options.Value.MaxBodyBytes, maxDepth: 64, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var root = read.Root;
        var errors = new List<FieldError>();
        var email = routeLeadId is null ? EmailOf(root, errors) : null;
        var posted = ReadEvent(root, routeLeadId is null, _time.GetUtcNow(), errors);
        if (errors.Count > 0 || posted is null || (routeLeadId is null && email is null))
        {
            return Problems.Invalid(errors);
        }

        var result = routeLeadId is not null
            ? await _handler.PostForLeadAsync(routeLeadId, posted, cancellationToken)
            : await _handler.PostByEmailAsync(email!, posted, cancellationToken);
        return result.Status == EventPostStatus.Queued
            ? TypedResults.Json(new EventAccepted(result.EventId!), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
            : NoSuchLead();
    }

    private static ProblemAnswer NoSuchLead() => Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");

    private static string? EmailOf(JsonElement root, List<FieldError> errors)
    {
        var before = errors.Count;
        var raw = String(root, "email", errors);
        return errors.Count > before ? null : PersonValidation.NormalizeEmail(raw, errors);
    }

    private static ExternalEvent? ReadEvent(JsonElement root, bool emailAllowed, DateTimeOffset now, List<FieldError> errors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!Known.Contains(property.Name) || (property.Name == "email" && !emailAllowed))
            {
                errors.Add(new FieldError(FieldNames.Shortened(property.Name), "Unknown field."));
            }
        }

        var eventId = String(root, "eventId", errors);
        if (!CommandIds.IsValid(eventId))
        {
            errors.Add(new FieldError("eventId", $"Required: {CommandIds.Rule}."));
        }

        var type = EventType(root, errors);

        var occurredAt = Instant(root, "occurredAt", errors);
        if (occurredAt is null && !HasError(errors, "occurredAt"))
        {
            errors.Add(new FieldError("occurredAt", "Required: an ISO-8601 instant."));
        }
        else if (occurredAt > now + MaxClockSkew)
        {
            errors.Add(new FieldError("occurredAt", "Must not be in the future."));
        }

        var actor = String(root, "actor", errors)?.Trim();
        if (actor is not { Length: > 0 } || !PrintableText.IsWithin(actor, MaxActorLength))
        {
            errors.Add(new FieldError("actor", $"Required: 1-{MaxActorLength} printable characters."));
        }

        var reason = String(root, "reason", errors);
        if (reason is not null && !PrintableText.IsWithin(reason, MaxReasonLength))
        {
            errors.Add(new FieldError("reason", $"Must be at most {MaxReasonLength} printable characters."));
        }

        int? points = null;
        if (root.TryGetProperty("points", out var pointsElement) && pointsElement.ValueKind != JsonValueKind.Null)
        {
            if (pointsElement.ValueKind == JsonValueKind.Number && pointsElement.TryGetInt32(out var p) && p is >= -1000 and <= 1000)
            {
                points = p;
            }
            else
            {
                errors.Add(new FieldError("points", "Must be a whole number from -1000 to 1000."));
            }
        }

        var data = new TransitionData
        {
            Points = points,
            ToStage = Enum(root, "toStage", errors, out LifecycleStage stage) ? stage : null,
            ToStatus = Enum(root, "toStatus", errors, out LeadStatus status) ? status : null,
            CheckBackAt = Instant(root, "checkBackAt", errors),
            Owner = Text(root, "owner", errors),
            DealId = Text(root, "dealId", errors),

            // A status by canonical name, built-in or the playbook's own: one it does not know is refused and recorded, not a 400.
            StatusName = Text(root, "status", errors),
        };

        return errors.Count > 0 || type is null || occurredAt is null
            ? null
            : new ExternalEvent(eventId!, type.Value, occurredAt.Value, actor!, reason, data == TransitionData.Empty ? null : data);
    }

    /// <summary>Only the types accepted from outside are named: the sweeps' own types would be refused anyway.</summary>
    private static TransitionType? EventType(JsonElement root, List<FieldError> errors)
    {
        var accepted = $"one of: {string.Join(", ", ExternalEventTypes.Names)}";
        var raw = String(root, "type", errors);
        if (HasError(errors, "type"))
        {
            return null;
        }

        if (raw is null)
        {
            errors.Add(new FieldError("type", $"Required: {accepted}."));
            return null;
        }

        if (EnumNames.TryParse(raw, out TransitionType type) && type.IsExternal())
        {
            return type;
        }

        errors.Add(new FieldError("type", $"Must be {accepted}."));
        return null;
    }

    private static bool HasError(List<FieldError> errors, string field) => errors.Exists(e => e.Field == field);

    private static string? String(JsonElement root, string name, List<FieldError> errors)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(name, "Must be a string."));
            return null;
        }

        return element.GetString();
    }

    private static string? Text(JsonElement root, string name, List<FieldError> errors)
        => PrintableText.Optional(name, String(root, name, errors), MaxTextLength, errors);

    private static DateTimeOffset? Instant(JsonElement root, string name, List<FieldError> errors)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && element.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, "Must be an ISO-8601 instant such as 2026-11-02T09:00:00Z."));
        return null;
    }

    /// <summary>Canonical enum names only: see <see cref="EnumNames"/>.</summary>
    private static bool Enum<TEnum>(JsonElement root, string name, List<FieldError> errors, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        var raw = String(root, name, errors);
        if (raw is null)
        {
            return false;
        }

        if (EnumNames.TryParse(raw, out value))
        {
            return true;
        }

        errors.Add(EnumNames.NotOneOf<TEnum>(name));
        return false;
    }
}
