using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Issue 16, item 4: what a row of each source makes of a new person, and what it may change on a known one.</summary>
public sealed class ImportRuleTests
{
    private static TransitionCommand Row(ImportSource source, DateTimeOffset at, Person? person = null, string? owner = null, string? id = null)
        => new(
            id ?? $"imp:{source.Name()}:{at.UtcTicks}",
            TransitionType.LeadImported,
            at,
            "import:" + source.Name(),
            Data: new TransitionData { Import = new LeadImport(source, new FormSubmission(source.Name(), person ?? TestData.GoodFit(), "list-2026", "list", "upload", Consent: false), owner) });

    [Fact]
    public void A_purchased_list_makes_a_nurtured_MQL_for_marketing_without_activity()
    {
        var result = new LeadJourney().Apply(Row(ImportSource.PurchasedList, T0));

        Assert.True(result.Applied);
        Assert.Equal((LifecycleStage.MQL, LeadStatus.Nurturing, Team.Marketing), (result.Lead.Stage, result.Lead.Status, result.Lead.OwnerTeam));
        Assert.Equal(0, result.Lead.ActivityScore);
        Assert.Null(result.Lead.LastFormId);
        Assert.Null(result.Handoff);
        Assert.Equal(new LeadOrigin("list-2026", "list", "upload"), result.Lead.Campaigns.Origin);
        Assert.Equal([LeadEventType.LeadCreated], result.Events.Select(e => e.Type));
    }

    [Fact]
    public void Research_makes_an_SQL_in_the_sales_inbox_that_routing_places_even_for_a_low_fit()
    {
        var result = new LeadJourney().Apply(Row(ImportSource.Research, T0, TestData.LowFit()));

        Assert.Equal((LifecycleStage.SQL, LeadStatus.New, Team.Sales), (result.Lead.Stage, result.Lead.Status, result.Lead.OwnerTeam));
        Assert.Equal(T0, result.Lead.HandedToSalesAt);
        Assert.NotNull(result.Handoff);
        Assert.Equal([LifecycleStage.SQL], result.Lead.StageStamps.Keys);
    }

    [Fact]
    public void Customers_become_current_customers_with_nothing_for_routing()
    {
        var result = new LeadJourney().Apply(Row(ImportSource.Customers, T0));

        Assert.Equal((LifecycleStage.Customer, LeadStatus.CurrentCustomer), (result.Lead.Stage, result.Lead.Status));
        Assert.Null(result.Handoff);
        Assert.Equal([LeadStatus.CurrentCustomer], result.Lead.StatusStamps.Keys);
    }

    [Fact]
    public void A_customer_import_keeps_later_hand_raising_forms_out_of_the_sales_inbox()
    {
        var journey = new LeadJourney();
        journey.Apply(Row(ImportSource.Customers, T0));

        var form = journey.Submit("pricing", TestData.GoodFit(), At(1));

        Assert.True(form.Applied);
        Assert.Equal((LifecycleStage.Customer, LeadStatus.CurrentCustomer), (form.Lead.Stage, form.Lead.Status));
        Assert.Null(form.Handoff);
    }

    [Fact]
    public void A_manual_row_makes_an_SQL_owned_by_the_named_rep_on_their_team()
    {
        var result = new LeadJourney().Apply(Row(ImportSource.Manual, T0, owner: "rep-ben"));

        Assert.Equal((LifecycleStage.SQL, LeadStatus.New), (result.Lead.Stage, result.Lead.Status));
        Assert.Equal("rep-ben", result.Lead.Owner);
        Assert.Equal("rep-ben", result.Audit.ToOwner);
        Assert.NotNull(result.Lead.SalesTeam);
        Assert.Null(result.Handoff);
    }

    [Fact]
    public void Research_on_a_nurtured_lead_hands_it_to_sales()
    {
        var journey = LeadJourney.Nurtured(T0);

        var result = journey.Apply(Row(ImportSource.Research, At(1)));

        Assert.Equal((LifecycleStage.SQL, LeadStatus.New), (result.Lead.Stage, result.Lead.Status));
        Assert.NotNull(result.Handoff);
    }

    [Theory]
    [InlineData(ImportSource.PurchasedList)]
    [InlineData(ImportSource.Research)]
    [InlineData(ImportSource.Manual)]
    public void A_list_never_moves_a_lead_sales_works_or_a_customer(ImportSource source)
    {
        foreach (var status in new[] { LeadStatus.ActivelyWorking, LeadStatus.CurrentCustomer, LeadStatus.BadFit })
        {
            var journey = In(status);
            var before = journey.Lead;

            var result = journey.Apply(Row(source, At(300 * 24), owner: "rep-cat"));

            Assert.True(result.Applied);
            Assert.Equal((before.Stage, before.Status, before.Owner), (result.Lead.Stage, result.Lead.Status, result.Lead.Owner));
            Assert.Equal(before.ActivityScore, result.Lead.ActivityScore);
        }
    }

    [Fact]
    public void A_customer_list_makes_a_worked_lead_a_customer_and_keeps_its_rep()
    {
        var journey = In(LeadStatus.ActivelyWorking);
        var owner = journey.Lead.Owner;

        var result = journey.Apply(Row(ImportSource.Customers, At(2)));

        Assert.Equal((LifecycleStage.Customer, LeadStatus.CurrentCustomer, owner), (result.Lead.Stage, result.Lead.Status, result.Lead.Owner));
    }

    [Fact]
    public void A_known_person_is_enriched_not_duplicated()
    {
        var journey = LeadJourney.Nurtured(T0);

        var result = journey.Apply(Row(ImportSource.PurchasedList, At(1), TestData.GoodFit() with { Phone = "+33 1 23 45 67 89" }));

        Assert.Equal(LeadJourney.LeadId, result.Lead.Id);
        Assert.Equal("+33 1 23 45 67 89", result.Lead.Person.Phone);
        Assert.Equal(LifecycleStage.MQL, result.Lead.Stage);
        Assert.Equal(T0, result.Lead.LastActivityAt);
        Assert.True(result.Lead.Consent);
    }

    [Fact]
    public void Import_rows_are_intake_not_external_events()
    {
        Assert.True(TransitionType.LeadImported.IsIntake());
        Assert.DoesNotContain("LeadImported", ExternalEventTypes.Names);
    }

    [Fact]
    public void Sources_have_their_wire_names()
    {
        Assert.Equal(["purchased-list", "research", "customers", "manual"], ImportSources.Names.AsEnumerable());
        Assert.True(ImportSources.TryParse("customers", out var source));
        Assert.Equal(ImportSource.Customers, source);
        Assert.False(ImportSources.TryParse("Customers", out _));
    }
}
