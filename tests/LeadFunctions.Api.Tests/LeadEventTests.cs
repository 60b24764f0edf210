using System.Net;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Api.Tests;

/// <summary>What a subscriber of the local lead-events queue sees when a person raises their hand on the website.</summary>
public sealed class LeadEventTests : IDisposable
{
    private readonly ApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_hand_raise_ends_with_lead_created_then_owner_assigned_on_the_local_lead_events_queue()
    {
        var email = Api.Email();
        var response = await _factory.Anonymous().SubmitJsonAsync("pricing", new { email, firstName = "Ada", company = "Acme", country = "US", employees = 300, jobTitle = "VP Sales" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = (await response.JsonAsync()).GetProperty("leadId").GetString()!;

        var events = await WaitForEventsAsync(leadId, count: 2);

        Assert.Equal([LeadEventType.LeadCreated, LeadEventType.OwnerAssigned], events.Take(2).Select(e => e.Type));
        Assert.Equal([1L, 2L], events.Take(2).Select(e => e.Sequence));
        Assert.Equal(leadId + ":1", events[0].EventId);
        Assert.Null(events[0].From);
        Assert.NotNull(events[1].Assignment);
        Assert.False(string.IsNullOrEmpty(events[1].Assignment!.Reason));
        Assert.Equal(events[1].Assignment!.Team, events[1].To.SalesTeam);
        Assert.Equal(email, events[0].Person!.Email);
        Assert.Equal("Ada", events[0].Person!.FirstName);
    }

    /// <summary>Peeks the queue until the lead's first <paramref name="count"/> events are there; bounded so a broken relay fails.</summary>
    private async Task<List<LeadEvent>> WaitForEventsAsync(string leadId, int count)
    {
        var queue = _factory.LeadEventsQueue;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            await queue.CreateIfNotExistsAsync();
            var peeked = (await queue.PeekMessagesAsync(32)).Value;
            var events = peeked.SelectMany(m => LeadEventMessageJson.Read(m.MessageText)).Where(e => e.LeadId == leadId).OrderBy(e => e.Sequence).ToList();
            if (events.Count >= count || DateTimeOffset.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(100);
        }
    }
}
