using LeadFunctions.Http.OpenApi;

namespace LeadFunctions.Http;

/// <summary>The query parameters of GET /api/leads as the OpenAPI document lists them; all optional, all combine with "and".</summary>
internal static class ViewQueryDocumentation
{
    public static readonly object[] Parameters =
    [
        new DocumentedQueryParameter("stage", "Lifecycle stage, e.g. MQL or SQL."),
        new DocumentedQueryParameter("status", "Lead status by canonical name, e.g. New or ActivelyWorking, or one of the playbook's own (GET /api/playbook). A built-in name matches that status and the playbook's own statuses of its role; a custom name, that status only."),
        new DocumentedQueryParameter("owner", "The rep who owns the lead."),
        new DocumentedQueryParameter("flag", "CheckBackDue, SlaBreached, Unassigned or SlaWarning."),
        new DocumentedQueryParameter("team", "The sales team holding the lead (a team id of the playbook's routing)."),
        new DocumentedQueryParameter("territory", "The territory rule that routed the lead (a rule name of the playbook's routing)."),
        new DocumentedQueryParameter("quadrant", "HighInterestGoodFit, HighInterestLowFit, LowInterestGoodFit or LowInterestLowFit."),
        new DocumentedQueryParameter("suppressed", "true: only suppressed leads; false: only leads that are not (rows from before the column count as not suppressed)."),
        new DocumentedQueryParameter("pageSize", "1-100, default 25."),
        new DocumentedQueryParameter("continuationToken", "The continuationToken of the previous page, as is."),
    ];
}
