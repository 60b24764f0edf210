using System.Text;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Engine.Tests.Events;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_0123456789";
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"StatusChanged","leadId":"ld-abc"}""");

    [Fact]
    public void Signature_matches_a_vector_computed_independently()
    {
        // Python: hmac.new(b"whsec_test_0123456789", b'1767225600.{"type":"StatusChanged","leadId":"ld-abc"}', hashlib.sha256).hexdigest()
        Assert.Equal(
            "t=1767225600,v1=d3a8ed5c739caebdc5403952f5525aedba4c56b4da1f5598c9e9bab7b3a0ddf8",
            WebhookSignature.Sign(Body, Secret, At));
    }

    [Fact]
    public void A_fresh_signature_of_the_same_body_verifies()
    {
        var header = WebhookSignature.Sign(Body, Secret, At);

        Assert.True(WebhookSignature.Verify(Body, header, Secret, At.AddMinutes(4), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("tampered body")]
    [InlineData("wrong secret")]
    [InlineData("too old")]
    [InlineData("from the future")]
    [InlineData("no header")]
    [InlineData("no v1")]
    [InlineData("garbage")]
    public void Anything_else_is_refused(string case_)
    {
        var header = WebhookSignature.Sign(Body, Secret, At);
        var (body, sent, secret, now) = case_ switch
        {
            "tampered body" => (Encoding.UTF8.GetBytes("""{"type":"StatusChanged","leadId":"ld-abd"}"""), header, Secret, At),
            "wrong secret" => (Body, header, "whsec_other_0123456789", At),
            "too old" => (Body, header, Secret, At.AddMinutes(5).AddSeconds(1)),
            "from the future" => (Body, header, Secret, At.AddMinutes(-6)),
            "no header" => (Body, (string?)null, Secret, At),
            "no v1" => (Body, "t=1767225600", Secret, At),
            _ => (Body, "t=abc,v1=zz", Secret, At),
        };

        Assert.False(WebhookSignature.Verify(body, sent, secret, now, TimeSpan.FromMinutes(5)));
    }
}
