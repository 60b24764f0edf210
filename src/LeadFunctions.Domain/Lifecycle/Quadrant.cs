namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Fit x interest (seed 004). The playbook gives each quadrant a company name and an owner.</summary>
public enum Quadrant
{
    HighInterestGoodFit,
    HighInterestLowFit,
    LowInterestGoodFit,
    LowInterestLowFit,
}

public enum Fit
{
    Low,
    Good,
}

public enum Interest
{
    Low,
    High,
}

public static class QuadrantOf
{
    public static Quadrant From(Fit fit, Interest interest) => (interest, fit) switch
    {
        (Interest.High, Fit.Good) => Quadrant.HighInterestGoodFit,
        (Interest.High, Fit.Low) => Quadrant.HighInterestLowFit,
        (Interest.Low, Fit.Good) => Quadrant.LowInterestGoodFit,
        _ => Quadrant.LowInterestLowFit,
    };
}
