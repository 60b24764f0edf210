using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Engine.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Http;

/// <summary>GET /api/leads (a rep's filtered view, paged) and GET /api/reports/velocity.</summary>
public static class ViewEndpoints
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxTokenLength = 1024;

    public static Task<IResult> ListAsync(HttpRequest request) => Guard.RunAsync(request, async () =>
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var query = request.Query;
        var stage = Enum<LifecycleStage>(query, "stage", errors);
        var status = Enum<LeadStatus>(query, "status", errors);
        var flag = Enum<LeadFlags>(query, "flag", errors);
        if (flag == LeadFlags.None)
        {
            errors.Add(new FieldError("flag", "Must be CheckBackDue or SlaBreached."));
        }

        var owner = Single(query, "owner", errors)?.Trim();
        if (owner is { Length: 0 or > EventEndpoints.MaxTextLength } || (owner is not null && owner.Any(char.IsControl)))
        {
            errors.Add(new FieldError("owner", $"Must be 1-{EventEndpoints.MaxTextLength} printable characters."));
        }

        var pageSize = DefaultPageSize;
        var size = Single(query, "pageSize", errors);
        if (size is not null && (!int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add(new FieldError("pageSize", $"Must be a whole number from 1 to {MaxPageSize}."));
        }

        var token = Single(query, "continuationToken", errors);
        string? storeToken = null;
        if (token is not null && (token.Length > MaxTokenLength || !ContinuationTokens.TryFromUrlSafe(token, out storeToken)))
        {
            errors.Add(new FieldError("continuationToken", "Use the continuationToken of the previous page as is."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var queries = request.HttpContext.RequestServices.GetRequiredService<ILeadQueries>();
        var page = await queries.ListAsync(new LeadFilter(stage, status, owner, flag), pageSize, storeToken, request.HttpContext.RequestAborted);
        var items = page.Leads.Select(l => LeadView.From(l, []) with { History = null });
        return Results.Json(new LeadListView([.. items], ContinuationTokens.ToUrlSafe(page.ContinuationToken)), ApiJson.Options);
    });

    public static Task<IResult> VelocityAsync(HttpRequest request) => Guard.RunAsync(request, async () =>
    {
        ArgumentNullException.ThrowIfNull(request);
        var handler = request.HttpContext.RequestServices.GetRequiredService<VelocityReportHandler>();
        return Results.Json(await handler.RunAsync(request.HttpContext.RequestAborted), ApiJson.Options);
    });

    private static string? Single(IQueryCollection query, string name, List<FieldError> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors.Add(new FieldError(name, "Appears more than once."));
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    private static TEnum? Enum<TEnum>(IQueryCollection query, string name, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        var raw = Single(query, name, errors);
        if (raw is null)
        {
            return null;
        }

        if (raw.Length > 0 && raw.All(char.IsAsciiLetter) && System.Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }

        errors.Add(new FieldError(name, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}."));
        return null;
    }
}

public sealed record LeadListView(IReadOnlyList<LeadView> Items, string? ContinuationToken);
