namespace LeadFunctions.Domain.Lifecycle;

/// <summary>
/// Which campaign brought the lead to MQL and to SQL, first and most recent time (seed 001), and the first touch
/// (<see cref="Origin"/>, null for leads stored before it was kept).
/// </summary>
public sealed record CampaignStamps(string? MqlFirst, string? MqlLast, string? SqlFirst, string? SqlLast, LeadOrigin? Origin = null)
{
    public static readonly CampaignStamps None = new(null, null, null, null);

    public CampaignStamps OnEntering(LifecycleStage stage, string? campaign) => (stage, campaign) switch
    {
        (_, null) => this,
        (LifecycleStage.MQL, _) => this with { MqlFirst = MqlFirst ?? campaign, MqlLast = campaign },
        (LifecycleStage.SQL, _) => this with { SqlFirst = SqlFirst ?? campaign, SqlLast = campaign },
        _ => this,
    };
}
