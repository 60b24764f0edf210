using System.Globalization;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Views;
using LeadFunctions.Http.Answers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadFunctions.Http;

/// <summary>GET /api/leads (a rep's filtered view, paged) and GET /api/reports/velocity.</summary>
public sealed class ViewEndpoints
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxTokenLength = 1024;

    private readonly ILeadQueries _queries;
    private readonly VelocityReportHandler _velocity;
    private readonly Playbook _playbook;
    private readonly RoutingRules _routing;
    private readonly SlaInbox _inbox;
    private readonly SweepSchedule _schedule;

    public ViewEndpoints(ILeadQueries queries, VelocityReportHandler velocity, Playbook playbook, SlaInbox inbox, SweepSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _queries = queries;
        _velocity = velocity;
        _playbook = playbook;
        _routing = playbook.Routing;
        _inbox = inbox;
        _schedule = schedule;
    }

    public Task<Results<JsonHttpResult<LeadListView>, ProblemAnswer>> ListAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => ListCoreAsync(request.Query, request.HttpContext.RequestAborted), p => p, request.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The stored velocity report (see <see cref="VelocityReportHandler"/>). Query: cohort (month, source, medium,
    /// campaign) adds that dimension's cohorts; refresh=true recomputes from the leads first. Accept: text/csv answers
    /// the same rows as CSV.
    /// </summary>
    public Task<Results<JsonHttpResult<VelocityReport>, ContentHttpResult, ProblemAnswer>> VelocityAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => VelocityCoreAsync(request, mayRefresh: true), p => p, request.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The stored velocity report only, for readers who sign in rather than hold the key: a recompute reads every lead,
    /// which is the key holders' call (and the refresh timer's), so refresh=true is refused here.
    /// </summary>
    public Task<Results<JsonHttpResult<VelocityReport>, ContentHttpResult, ProblemAnswer>> StoredVelocityAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => VelocityCoreAsync(request, mayRefresh: false), p => p, request.HttpContext.RequestAborted);
    }

    private async Task<Results<JsonHttpResult<VelocityReport>, ContentHttpResult, ProblemAnswer>> VelocityCoreAsync(HttpRequest request, bool mayRefresh)
    {
        var errors = new List<FieldError>();
        var cohort = Enum<CohortDimension>(request.Query, "cohort", errors);
        var refresh = false;
        var rawRefresh = Single(request.Query, "refresh", errors);
        if (rawRefresh is not null && !bool.TryParse(rawRefresh, out refresh))
        {
            errors.Add(new FieldError("refresh", "Must be true or false."));
        }
        else if (refresh && !mayRefresh)
        {
            errors.Add(new FieldError("refresh", "Not accepted here: this route reads the stored report; a recompute needs the key."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var report = await _velocity.RunAsync(cohort, refresh, request.HttpContext.RequestAborted);
        return WantsCsv(request)
            ? TypedResults.Text(VelocityCsv.Write(report), VelocityCsv.ContentType + "; charset=utf-8")
            : TypedResults.Json(report, ApiJson.Options);
    }

    private static bool WantsCsv(HttpRequest request)
        => request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(VelocityCsv.ContentType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);

    private async Task<Results<JsonHttpResult<LeadListView>, ProblemAnswer>> ListCoreAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var stage = Enum<LifecycleStage>(query, "stage", errors);
        var (status, statusName) = StatusOf(query, errors);
        var flag = Enum<LeadFlags>(query, "flag", errors);
        if (flag == LeadFlags.None)
        {
            errors.Add(new FieldError("flag", $"Must be one of: {string.Join(", ", System.Enum.GetValues<LeadFlags>().Where(f => f != LeadFlags.None))}."));
        }

        var owner = Single(query, "owner", errors)?.Trim();
        if (owner is not null && (owner.Length == 0 || !PrintableText.IsWithin(owner, EventEndpoints.MaxTextLength)))
        {
            errors.Add(new FieldError("owner", $"Must be 1-{EventEndpoints.MaxTextLength} printable characters."));
        }

        var scope = ViewScopeParameters.Read(query, _routing, errors);

        var pageSize = DefaultPageSize;
        var size = Single(query, "pageSize", errors);
        if (size is not null && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
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

        var filter = scope with { Stage = stage, Status = status, StatusName = statusName, Owner = owner, Flag = flag };
        var page = storeToken is null && _inbox.Covers(filter)
            ? new LeadPage(await _inbox.ReadAsync(filter, cancellationToken), null)
            : await _queries.ListAsync(filter, pageSize, storeToken, cancellationToken);
        var items = page.Leads.Select(l => LeadView.From(l, [], _schedule.SlaDueAt(l), _playbook) with { History = null });
        return TypedResults.Json(new LeadListView([.. items], ContinuationTokens.ToUrlSafe(page.ContinuationToken)), ApiJson.Options);
    }

    internal static string? Single(IQueryCollection query, string name, List<FieldError> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors.Add(new FieldError(name, "Appears more than once."));
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    /// <summary>
    /// <c>?status=</c>: a built-in name filters by role, i.e. that status and every custom status of its role (a rep's
    /// <c>status=New</c> inbox holds their "Hot! Hot! Hot!" leads too); a custom name filters that status only.
    /// </summary>
    private (LeadStatus? Role, string? Name) StatusOf(IQueryCollection query, List<FieldError> errors)
    {
        var raw = Single(query, "status", errors);
        if (raw is null)
        {
            return (null, null);
        }

        if (StatusRoles.IsBuiltIn(raw, out var role))
        {
            return (role, null);
        }

        if (_playbook.FindStatus(raw) is not null)
        {
            return (null, raw);
        }

        errors.Add(new FieldError("status", $"Must be one of: {string.Join(", ", PlaybookVocabulary.Of(_playbook).Statuses.Select(s => s.Name))}."));
        return (null, null);
    }

    internal static TEnum? Enum<TEnum>(IQueryCollection query, string name, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        var raw = Single(query, name, errors);
        if (raw is null)
        {
            return null;
        }

        if (EnumNames.TryParse<TEnum>(raw, out var value))
        {
            return value;
        }

        errors.Add(EnumNames.NotOneOf<TEnum>(name));
        return null;
    }
}
