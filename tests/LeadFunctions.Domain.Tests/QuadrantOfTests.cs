using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;

namespace LeadFunctions.Domain.Tests;

/// <summary>Fit x interest quadrants (seed 004) and the default playbook's owner for each.</summary>
public sealed class QuadrantOfTests
{
    [Theory]
    [InlineData(Fit.Good, Interest.High, Quadrant.HighInterestGoodFit, Team.Sales)]
    [InlineData(Fit.Low, Interest.High, Quadrant.HighInterestLowFit, Team.Marketing)]
    [InlineData(Fit.Good, Interest.Low, Quadrant.LowInterestGoodFit, Team.Marketing)]
    [InlineData(Fit.Low, Interest.Low, Quadrant.LowInterestLowFit, Team.Marketing)]
    public void Each_combination_has_its_quadrant_and_owner(Fit fit, Interest interest, Quadrant expected, Team owner)
    {
        var quadrant = QuadrantOf.From(fit, interest);

        Assert.Equal(expected, quadrant);
        Assert.Equal(owner, TestData.Default.Quadrants[quadrant].Owner);
    }

    [Fact]
    public void Default_playbook_names_the_quadrants_in_the_company_vocabulary()
    {
        Assert.Equal("Hot! Hot! Hot!", TestData.Default.Quadrants[Quadrant.HighInterestGoodFit].DisplayName);
        Assert.Equal("Sleeping Giant", TestData.Default.Quadrants[Quadrant.LowInterestGoodFit].DisplayName);
    }
}
