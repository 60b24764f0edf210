using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LeadFunctions.Engine.Events;

/// <summary>
/// Signs a webhook body so a receiver can tell it came from this deployment and was not replayed later:
/// <c>X-LeadFunctions-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;" keyed by the secret&gt;</c>.
/// The timestamp is inside the MAC, so a receiver that rejects old timestamps also rejects replays.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-LeadFunctions-Signature";
    public const string EventIdHeader = "X-LeadFunctions-Event-Id";

    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Mac(body, secret, timestamp)}";
    }

    /// <summary>True when the header carries a v1 MAC of this body at its timestamp, and that timestamp is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        string? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                timestamp = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                candidates.Add(part[3..]);
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(body, secret, timestamp));
        return candidates.Any(candidate => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)));
    }

    private static string Mac(ReadOnlySpan<byte> body, string secret, string timestamp)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
