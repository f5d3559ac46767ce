using Dashboard.Data.Demo;

namespace Dashboard.Tests.Demo;

public sealed class RegistrationNumberFormatsTests
{
    [Theory]
    [InlineData("DE", "HRB 86891")]
    [InlineData("DE", "HRA 1234")]
    [InlineData("AT", "FN 123456a")]
    [InlineData("CH", "CHE-116.281.710")]
    [InlineData("GB", "00445790")]
    [InlineData("GB", "SC123456")]
    [InlineData("FR", "855200887")]
    [InlineData("BE", "0417.497.106")]
    [InlineData("NL", "33014286")]
    [InlineData("IT", "00484960588")]
    [InlineData("ES", "A28015865")]
    [InlineData("PT", "500697256")]
    [InlineData("PL", "0000028860")]
    [InlineData("SE", "556012-5790")]
    [InlineData("NO", "923609016")]
    [InlineData("FI", "0112038-9")]
    [InlineData("CZ", "00177041")]
    [InlineData("US", "12-3456789")]
    [InlineData("BR", "33.000.167/0001-01")]
    [InlineData("AU", "51 824 753 556")]
    [InlineData("IN", "L17110MH1973PLC019786")]
    public void IsPlausible_WellFormedNumber_Accepted(string country, string number) =>
        Assert.True(RegistrationNumberFormats.IsPlausible(country, number));

    [Theory]
    [InlineData("CH", "CHE-116.281.711")]
    [InlineData("FR", "855200888")]
    [InlineData("BE", "0417.497.107")]
    [InlineData("IT", "00484960589")]
    [InlineData("ES", "A28015866")]
    [InlineData("PT", "500697257")]
    [InlineData("SE", "556012-5791")]
    [InlineData("NO", "923609017")]
    [InlineData("FI", "0112038-8")]
    [InlineData("CZ", "00177042")]
    [InlineData("BR", "33.000.167/0001-02")]
    [InlineData("AU", "51 824 753 557")]
    public void IsPlausible_WrongCheckDigit_Rejected(string country, string number) =>
        Assert.False(RegistrationNumberFormats.IsPlausible(country, number));

    [Theory]
    [InlineData("DE", "HRC 12345")]
    [InlineData("DE", "HRB12345")]
    [InlineData("DE", "HRB 123456\n")]
    [InlineData("AT", "FN 123456")]
    [InlineData("GB", "1234567")]
    [InlineData("US", "00-1234567")]
    [InlineData("US", "123456789")]
    [InlineData("PL", "123456789")]
    [InlineData("XX", "12345")]
    [InlineData("DE", "")]
    public void IsPlausible_WrongForm_Rejected(string country, string number) =>
        Assert.False(RegistrationNumberFormats.IsPlausible(country, number));

    [Fact]
    public void For_EveryDemoCountry_HasAFormatWithAValidExample()
    {
        Assert.All(DemoCatalog.Countries, c =>
        {
            var format = RegistrationNumberFormats.For(c.Code);
            Assert.NotNull(format);
            Assert.True(format.IsValid(format.Example), $"{c.Code} example {format.Example}");
        });
        Assert.Equal(DemoCatalog.Countries.Count, RegistrationNumberFormats.All.Count);
    }

    [Fact]
    public void Generate_EveryFormat_ProducesNumbersItAccepts()
    {
        var random = new Random(42);
        string[] forms = ["GmbH", "KG", "S.A.", "S.L.", "Ltd", "Ltd.", "(Pty) Ltd", "Pvt. Ltd."];
        Assert.All(RegistrationNumberFormats.All, format =>
        {
            for (var i = 0; i < 300; i++)
            {
                var number = format.Generate(random, forms[i % forms.Length]);
                Assert.True(format.IsValid(number), $"{format.Country} generated {number}");
            }
        });
    }
}
