namespace Supervision.Domain.Common;

/// <summary>
/// A rule of the regulator refused an action. <see cref="Code"/> is stable for API clients;
/// the message is Chinese and says what to do.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The signed-in user's role or scope does not allow this action.</summary>
public sealed class AccessDeniedException(string message, string code = "access.denied")
    : DomainException(code, message);

/// <summary>The record does not exist, or is outside the user's scope (the two look the same on purpose).</summary>
public sealed class NotFoundException(string what)
    : DomainException("not_found", $"{what}不存在或无权访问。");
