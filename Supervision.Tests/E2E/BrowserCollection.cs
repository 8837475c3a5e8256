namespace Supervision.Tests.E2E;

/// <summary>
/// The browser tests run one class at a time (beside the rest of the suite): each drives a Chromium against its own
/// Kestrel, and several at once on a small machine made Blazor miss their clicks within the timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
