using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;

namespace LeadFunctions.Domain.Tests;

/// <summary>Interest (seed 004): a raised hand, or enough accumulated activity (60 in the default playbook).</summary>
public sealed class InterestLevelTests
{
    [Theory]
    [InlineData(false, 0, Interest.Low)]
    [InlineData(false, 59, Interest.Low)]
    [InlineData(false, 60, Interest.High)]
    [InlineData(false, 500, Interest.High)]
    [InlineData(true, 0, Interest.High)]
    public void Raised_hand_or_activity_threshold_means_high_interest(bool raisedHand, int activity, Interest expected)
    {
        Assert.Equal(expected, InterestLevel.Of(raisedHand, activity, TestData.Default.Interest));
    }
}
