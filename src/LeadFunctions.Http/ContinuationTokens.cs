using System.Buffers.Text;
using System.Text;

namespace LeadFunctions.Http;

/// <summary>
/// The API's continuation tokens are the store's tokens in base64url: Table storage's own ("partition row") holds a space
/// and key characters that break a URL when a token is pasted into a query string as it is.
/// </summary>
internal static class ContinuationTokens
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? ToUrlSafe(string? storeToken)
        => storeToken is null ? null : Base64Url.EncodeToString(StrictUtf8.GetBytes(storeToken));

    /// <returns>False when the token is not one this API handed out (not base64url, or not UTF-8 underneath).</returns>
    public static bool TryFromUrlSafe(string token, out string storeToken)
    {
        storeToken = string.Empty;
        if (token.Length == 0 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        try
        {
            storeToken = StrictUtf8.GetString(Base64Url.DecodeFromChars(token));
            return storeToken.Length > 0;
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return false;
        }
    }
}
