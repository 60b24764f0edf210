using System.Text.Json;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

/// <summary>
/// POST /api/leads/{leadId}/events and POST /api/events (by e-mail): external events from CRMs and reps. Validated here,
/// then queued; the queue consumer applies them through the state machine. 202 {eventId} means durably queued.
/// </summary>
public static class EventEndpoints
{
    public const int MaxActorLength = 100;
    public const int MaxReasonLength = 500;
    public const int MaxTextLength = 100;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "eventId", "type", "occurredAt", "actor", "reason", "points", "toStage", "toStatus", "checkBackAt", "owner", "dealId", "email",
    };

    public static Task<IResult> PostForLeadAsync(HttpRequest request, string leadId)
        => Guard.RunAsync(request, () => PostCoreAsync(request, leadId));

    public static Task<IResult> PostByEmailAsync(HttpRequest request)
        => Guard.RunAsync(request, () => PostCoreAsync(request, null));

    private static async Task<IResult> PostCoreAsync(HttpRequest request, string? routeLeadId)
    {
        var services = request.HttpContext.RequestServices;
        var cancellationToken = request.HttpContext.RequestAborted;
        if (routeLeadId is not null && !LeadIdentity.IsWellFormed(routeLeadId))
        {
            return Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
        }

        if (!BodyReader.IsJson(request))
        {
            return Problems.UnsupportedMediaType("Send application/json.");
        }

        var limit = services.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxBodyBytes;
        var body = await BodyReader.ReadAsync(request, limit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        JsonElement root;
        using (var document = StrictJson.TryParse(body.Body!, maxDepth: 64))
        {
            if (document is null)
            {
                return Problems.BadRequest(RejectionReasons.MalformedJson, "The body is not valid UTF-8 JSON.");
            }

            root = document.RootElement.Clone();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Problems.BadRequest(RejectionReasons.NotAnObject, "The body must be a JSON object.");
        }

        var errors = new List<FieldError>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var leadId = routeLeadId ?? LeadIdFromEmail(root, services.GetRequiredService<LeadIdentity>(), errors);
        var command = ReadCommand(root, routeLeadId is null, now, errors);
        if (errors.Count > 0 || command is null || leadId is null)
        {
            return Problems.Invalid(errors);
        }

        if (await services.GetRequiredService<ILeadStore>().GetAsync(leadId, cancellationToken) is null)
        {
            return Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
        }

        await services.GetRequiredService<ITransitionPublisher>().PublishAsync(new TransitionEnvelope(leadId, command), cancellationToken);
        return Results.Json(new { eventId = EventIdOf(command) }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Event ids live in their own namespace of command ids, apart from submissions ("sub:") and sweeps ("sweep:").</summary>
    public static string CommandIdFor(string eventId) => "evt:" + eventId;

    private static string EventIdOf(TransitionCommand command) => command.CommandId["evt:".Length..];

    private static string? LeadIdFromEmail(JsonElement root, LeadIdentity identity, List<FieldError> errors)
    {
        var before = errors.Count;
        var raw = String(root, "email", errors);
        if (errors.Count > before)
        {
            return null;
        }

        var email = PersonValidation.NormalizeEmail(raw, errors);
        return email is null ? null : identity.LeadIdFor(email);
    }

    private static TransitionCommand? ReadCommand(JsonElement root, bool emailAllowed, DateTimeOffset now, List<FieldError> errors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!Known.Contains(property.Name) || (property.Name == "email" && !emailAllowed))
            {
                errors.Add(new FieldError(property.Name.Length > 64 ? property.Name[..64] : property.Name, "Unknown field."));
            }
        }

        var eventId = String(root, "eventId", errors);
        if (!CommandIds.IsValid(eventId))
        {
            errors.Add(new FieldError("eventId", $"Required: 1-{CommandIds.MaxLength} letters, digits, '-', '_', '.' or ':'."));
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
        if (actor is not { Length: > 0 and <= MaxActorLength } || actor.Any(char.IsControl))
        {
            errors.Add(new FieldError("actor", $"Required: 1-{MaxActorLength} printable characters."));
        }

        var reason = String(root, "reason", errors);
        if (reason is { Length: > MaxReasonLength } || (reason is not null && reason.Any(char.IsControl)))
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
        };

        return errors.Count > 0 || type is null || occurredAt is null
            ? null
            : new TransitionCommand(CommandIdFor(eventId!), type.Value, occurredAt.Value, actor!, reason, data == TransitionData.Empty ? null : data);
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

        if (raw.Length > 0 && raw.All(char.IsAsciiLetter) && System.Enum.TryParse(raw, ignoreCase: true, out TransitionType type) && type.IsExternal())
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
    {
        var value = String(root, name, errors)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > MaxTextLength || value.Any(char.IsControl))
        {
            errors.Add(new FieldError(name, $"Must be at most {MaxTextLength} printable characters."));
            return null;
        }

        return value;
    }

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

    /// <summary>Canonical enum names only (case-insensitive); numbers are refused so the contract never leaks ordinals.</summary>
    private static bool Enum<TEnum>(JsonElement root, string name, List<FieldError> errors, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        var raw = String(root, name, errors);
        if (raw is null)
        {
            return false;
        }

        if (raw.Length > 0 && raw.All(char.IsAsciiLetter) && System.Enum.TryParse(raw, ignoreCase: true, out value) && System.Enum.IsDefined(value))
        {
            return true;
        }

        errors.Add(new FieldError(name, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}."));
        return false;
    }
}
