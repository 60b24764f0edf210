using LeadFunctions.Http.OpenApi;

namespace LeadFunctions.Http;

/// <summary>The query parameters of GET /api/reports/velocity as the OpenAPI document lists them; both optional.</summary>
internal static class VelocityQueryDocumentation
{
    public static readonly object[] Parameters =
    [
        new DocumentedQueryParameter("cohort", "Month (of creation), Source (utm_source), Medium (utm_medium) or Campaign (first campaign): adds one report per cohort, the 50 largest and the rest as (other)."),
        new DocumentedQueryParameter("refresh", "true: recompute from every lead before answering (one pass over the leads); otherwise the stored report, as of its asOf."),
    ];
}
