using System.Reflection;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Tests;

/// <summary>
/// A lead changes only through its own methods: no member can be set from outside it, so `lead with { Stage = ... }`
/// compiles nowhere but inside Lead, and stamps and flags cannot drift from stage and status.
/// </summary>
public sealed class LeadEncapsulationTests
{
    [Fact]
    public void Every_settable_member_of_a_lead_is_set_only_by_the_lead_itself()
    {
        var settable = typeof(Lead).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).ToList();

        Assert.NotEmpty(settable);
        Assert.All(settable, p => Assert.True(p.SetMethod!.IsPrivate, $"Lead.{p.Name} can be set from outside the lead."));
    }

    [Fact]
    public void A_lead_has_no_constructor_outside_itself()
    {
        Assert.All(
            typeof(Lead).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance),
            c => Assert.True(c.IsPrivate, $"Lead has a non-private constructor ({c})."));
    }
}
