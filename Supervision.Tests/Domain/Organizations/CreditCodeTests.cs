using Supervision.Domain.Organizations;

namespace Supervision.Tests.Domain.Organizations;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91640000963966887X")] // seeded demo value with a computed check character
    [InlineData("91350100M000100Y43")] // the example code printed in GB 32100-2015
    public void Valid_codes_pass(string code) => Assert.True(CreditCode.IsValid(code));

    [Theory]
    [InlineData("91640000963966887Y")] // wrong check character
    [InlineData("91640000963966887")]  // 17 characters
    [InlineData("9164000096396688IX")] // I is not in the alphabet
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_codes_fail(string? code) => Assert.False(CreditCode.IsValid(code));
}
