using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Storage.Tests;

/// <summary>
/// The stored lead: the golden files are lead states exactly as the store wrote them before the document was versioned
/// (Golden/, one line each, as in the row). Reading them must give back every value, and writing what was read must give
/// back the same document, so a renamed or dropped member fails here instead of silently losing data.
/// </summary>
public sealed class LeadDocumentTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_lead_state_written_before_versioning_reads_back_every_value()
    {
        var lead = ReadRow(Golden("lead-state-full.json"));

        AssertSameLead(FullGoldenLead(), lead);
    }

    [Fact]
    public void A_minimal_lead_state_written_before_versioning_reads_back_every_value()
    {
        var lead = ReadRow(Golden("lead-state-minimal.json"));

        AssertSameLead(MinimalGoldenLead(), lead);
    }

    [Theory]
    [InlineData("lead-state-full.json")]
    [InlineData("lead-state-minimal.json")]
    public void Rewriting_a_lead_read_from_a_golden_state_stores_the_same_document_plus_its_schema_version(string file)
    {
        var golden = Golden(file);
        var (row, _) = LeadRows.ToEntities(ReadRow(golden), []);
        var written = JsonNode.Parse(row.GetString("State"))!.AsObject();

        Assert.Equal(1, (int)written["schemaVersion"]!);
        Assert.Equal("schemaVersion", written.First().Key);
        written.Remove("schemaVersion");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(golden), written), $"Rewritten {file} differs:\n{written.ToJsonString()}");
    }

    [Fact]
    public void The_lead_row_carries_the_versioned_document_and_its_due_rows_only_their_keys()
    {
        var lead = FullGoldenLead();
        var due = new Domain.Sweeps.DueEntry(Domain.Sweeps.SweepKind.FlagCheckBacks, lead.Id, T.AddDays(90));

        var (row, dueRows) = LeadRows.ToEntities(lead, [due]);

        Assert.StartsWith("{\"schemaVersion\":1,", row.GetString("State"), StringComparison.Ordinal);
        AssertSameLead(lead, LeadRows.ToLead(row));
        Assert.Null(Assert.Single(dueRows).GetString("State"));
    }

    [Fact]
    public void A_lead_s_event_count_round_trips_and_rows_from_before_events_read_as_none_published()
    {
        var g = MinimalGoldenLead();
        var lead = Lead.Restore(
            g.Id, g.Person, g.Stage, g.Status, g.OwnerTeam, g.Owner, g.Fit, g.FitScore, g.Interest, g.ActivityScore, g.Flags, g.StageStamps,
            g.StatusStamps, g.Campaigns, g.CreatedAt, g.LastContactAt, g.HandedToSalesAt, g.LastActivityAt, g.NextCheckBackAt, g.NextResurfaceAt,
            g.SuppressedReason, g.LastFormId, g.Consent, g.LastMessage, g.DealId, g.Version, eventSequence: 7);

        var read = LeadDocuments.Read(LeadDocuments.Write(lead));

        Assert.Equal(7, read.EventSequence);
        Assert.Equal(0, ReadRow(Golden("lead-state-full.json")).EventSequence);
        Assert.Equal(0, ReadRow(Golden("lead-state-minimal.json")).EventSequence);
    }

    [Fact]
    public void A_lead_with_a_deal_round_trips()
    {
        var lead = Restore(MinimalGoldenLead(), dealId: "D-42");

        var read = LeadDocuments.Read(LeadDocuments.Write(lead));

        Assert.Equal("D-42", read.DealId);
        AssertSameLead(lead, read);
    }

    [Fact]
    public void A_document_of_an_unknown_version_fails_naming_the_lead_and_not_the_person()
    {
        var future = JsonNode.Parse(Golden("lead-state-full.json"))!.AsObject();
        future["schemaVersion"] = 2;

        var error = Assert.Throws<InvalidDataException>(() => LeadDocuments.Read(future.ToJsonString()));

        Assert.Contains("ld-golden-0001", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        AssertNoPersonalData(error.Message);
    }

    [Fact]
    public void A_newer_version_whose_shape_this_build_cannot_parse_still_fails_on_its_version()
    {
        var future = JsonNode.Parse(Golden("lead-state-full.json"))!.AsObject();
        future["schemaVersion"] = 3;
        future["stage"] = new JsonObject { ["name"] = "Opportunity" };
        future["addedLater"] = "x";

        var error = Assert.Throws<InvalidDataException>(() => LeadDocuments.Read(future.ToJsonString()));

        Assert.Contains("ld-golden-0001", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
        AssertNoPersonalData(error.Message);
    }

    [Theory]
    [InlineData("lastContactedAt", "2026-03-04T09:00:00+00:00")]
    [InlineData("person", null)]
    public void A_version_1_document_with_a_member_renamed_or_missing_fails_loudly(string member, string? value)
    {
        var renamed = JsonNode.Parse(Golden("lead-state-full.json"))!.AsObject();
        if (value is null)
        {
            renamed.Remove(member);
        }
        else
        {
            renamed[member] = value;
        }

        var error = Assert.Throws<InvalidDataException>(() => LeadDocuments.Read(renamed.ToJsonString()));

        Assert.Contains("ld-golden-0001", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 1", error.Message, StringComparison.Ordinal);
        AssertNoPersonalData(error.Message);
        AssertNoPersonalData(error.InnerException?.Message ?? "");
    }

    private static string Golden(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", file));

    private static Lead ReadRow(string state) => LeadRows.ToLead(new TableEntity("p00", "lead|golden") { ["State"] = state });

    private static void AssertNoPersonalData(string message)
    {
        foreach (var personal in new[] { "jane", "acme", "555", "VP Sales", "Please call" })
        {
            Assert.DoesNotContain(personal, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every member of the lead, stamp books compared by content (they are dictionaries, equal only by reference).</summary>
    private static void AssertSameLead(Lead expected, Lead actual)
    {
        foreach (var property in typeof(Lead).GetProperties())
        {
            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            if (e is IDictionary expectedBook && a is IDictionary actualBook)
            {
                Assert.Equal(Entries(expectedBook), Entries(actualBook));
            }
            else
            {
                Assert.True(Equals(e, a), $"{property.Name}: expected {e}, read {a}");
            }
        }
    }

    private static List<(string, object?)> Entries(IDictionary book)
        => [.. book.Keys.Cast<object>().Select(k => (k.ToString()!, book[k])).OrderBy(p => p.Item1, StringComparer.Ordinal)];

    /// <summary>The lead the full golden state was written from (LeadRows at 3604420).</summary>
    private static Lead FullGoldenLead() => Lead.Restore(
        id: "ld-golden-0001",
        person: new Person("jane.doe@acme.example", "Jane", "Doe", "Acme", "VP Sales", "+1 555 0100", "US", 250),
        stage: LifecycleStage.Opportunity,
        status: LeadStatus.CheckBackQuarterly,
        ownerTeam: Team.Sales,
        owner: "rep-ann",
        fit: Fit.Good,
        fitScore: 100,
        interest: Interest.High,
        activityScore: 35,
        flags: LeadFlags.CheckBackDue | LeadFlags.SlaBreached,
        stageStamps: ImmutableDictionary<LifecycleStage, Stamp>.Empty
            .Add(LifecycleStage.MQL, new Stamp(T, T.AddDays(3), T.AddDays(4), TimeSpan.FromHours(30.5), false))
            .Add(LifecycleStage.SQL, new Stamp(T.AddDays(1), T.AddDays(1), T.AddDays(3), TimeSpan.FromDays(2), false))
            .Add(LifecycleStage.Opportunity, Stamp.EnteredAt(T.AddDays(4))),
        statusStamps: ImmutableDictionary<LeadStatus, Stamp>.Empty
            .Add(LeadStatus.New, new Stamp(T, T, T.AddMinutes(90), TimeSpan.FromMinutes(90), false))
            .Add(LeadStatus.CheckBackQuarterly, Stamp.EnteredAt(T.AddDays(4).AddMilliseconds(123))),
        campaigns: new CampaignStamps("spring-webinar", "ebook-q2", "pricing-page", "contact-us"),
        createdAt: T,
        lastContactAt: T.AddDays(2),
        handedToSalesAt: T.AddDays(1),
        lastActivityAt: T.AddDays(3).AddSeconds(7),
        nextCheckBackAt: new DateTimeOffset(2026, 6, 6, 9, 0, 0, TimeSpan.FromHours(2)),
        nextResurfaceAt: T.AddMonths(6),
        suppressedReason: "unsubscribed",
        lastFormId: "pricing",
        consent: true,
        lastMessage: new LeadMessage("Please call me about pricing.\nThanks, Jane", "pricing", T.AddDays(3)),
        dealId: null,
        version: 17);

    /// <summary>The lead the minimal golden state was written from: nothing optional set.</summary>
    private static Lead MinimalGoldenLead() => Lead.Restore(
        id: "ld-golden-0002",
        person: new Person("joe@example.org"),
        stage: LifecycleStage.MQL,
        status: LeadStatus.Nurturing,
        ownerTeam: Team.Marketing,
        owner: null,
        fit: Fit.Low,
        fitScore: -30,
        interest: Interest.Low,
        activityScore: 0,
        flags: LeadFlags.None,
        stageStamps: ImmutableDictionary<LifecycleStage, Stamp>.Empty.Add(LifecycleStage.MQL, Stamp.EnteredAt(T)),
        statusStamps: ImmutableDictionary<LeadStatus, Stamp>.Empty.Add(LeadStatus.Nurturing, Stamp.EnteredAt(T)),
        campaigns: CampaignStamps.None,
        createdAt: T,
        lastContactAt: null,
        handedToSalesAt: null,
        lastActivityAt: null,
        nextCheckBackAt: null,
        nextResurfaceAt: null,
        suppressedReason: null,
        lastFormId: null,
        consent: false,
        lastMessage: null,
        dealId: null,
        version: 1);

    private static Lead Restore(Lead lead, string dealId) => Lead.Restore(
        lead.Id, lead.Person, lead.Stage, lead.Status, lead.OwnerTeam, lead.Owner, lead.Fit, lead.FitScore, lead.Interest, lead.ActivityScore,
        lead.Flags, lead.StageStamps, lead.StatusStamps, lead.Campaigns, lead.CreatedAt, lead.LastContactAt, lead.HandedToSalesAt,
        lead.LastActivityAt, lead.NextCheckBackAt, lead.NextResurfaceAt, lead.SuppressedReason, lead.LastFormId, lead.Consent,
        lead.LastMessage, dealId, lead.Version);
}
