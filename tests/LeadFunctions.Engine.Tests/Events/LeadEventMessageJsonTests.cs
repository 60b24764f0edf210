using System.Text.Json;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Tests.Webhooks;

namespace LeadFunctions.Engine.Tests.Events;

public sealed class LeadEventMessageJsonTests
{
    private static readonly string[] Written = [.. Enumerable.Range(1, 5).Select(s => LeadEventJson.Write(SampleEvents.Status(s)))];

    [Fact]
    public void Events_packed_into_messages_read_back_whole_and_in_order()
    {
        var messages = LeadEventMessageJson.Pack(Written);

        var read = Assert.Single(messages);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], LeadEventMessageJson.Read(read).Select(e => e.Sequence));
        Assert.Equal(SampleEvents.Status(2), LeadEventMessageJson.Read(read)[1]);
    }

    [Fact]
    public void A_message_never_exceeds_its_room_and_an_event_larger_than_the_room_goes_alone()
    {
        var room = (2 * Written[0].Length) + 3;

        var messages = LeadEventMessageJson.Pack(Written, room);

        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.True(m.Length <= room, $"{m.Length} > {room}"));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], messages.SelectMany(LeadEventMessageJson.Read).Select(e => e.Sequence));
        Assert.Equal(5, LeadEventMessageJson.Pack(Written, 10).Count);
    }

    [Fact]
    public void A_single_event_object_reads_as_one_event()
    {
        Assert.Equal(3L, Assert.Single(LeadEventMessageJson.Read(Written[2])).Sequence);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("[{\"nope\": true]")]
    [InlineData("  [1, 2]")]
    public void What_is_not_lead_events_is_refused(string text)
    {
        Assert.ThrowsAny<JsonException>(() => LeadEventMessageJson.Read(text));
    }

    [Fact]
    public void Packed_text_is_ascii_so_the_queues_envelope_cannot_grow_it()
    {
        var withAccents = LeadEventJson.Write(SampleEvents.Assigned(1, person: SampleEvents.Person with { Company = "Société <Générale> & Cie" }));

        var message = Assert.Single(LeadEventMessageJson.Pack([withAccents]));

        Assert.All(message, c => Assert.True(c < 128 && c is not '<' and not '>' and not '&', $"'{c}'"));
    }
}
