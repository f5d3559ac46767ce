using Dashboard.Data.Demo;

namespace Dashboard.Verification.Checks;

/// <summary>Settings of <c>Verification:Checks</c>: the word lists, thresholds and risk points of the automated checks.</summary>
public sealed class VerificationCheckOptions
{
    public const string SectionName = "Verification:Checks";

    /// <summary>Brands that applicants must not imitate, whether or not the brand's owner is a verified business here.</summary>
    public List<string> ProtectedBrands { get; set; } =
    [
        "Deutsche Bank", "Commerzbank", "Sparkasse", "Volksbank", "Postbank", "Comdirect", "DKB", "HypoVereinsbank", "ING", "N26",
        "Raiffeisen", "Erste Bank", "UBS", "PostFinance", "Santander", "BNP Paribas", "HSBC", "Barclays", "Revolut",
        "PayPal", "Klarna", "Mastercard", "American Express",
        "Allianz", "AXA", "Generali", "HUK-Coburg", "Zurich Insurance",
        "Lufthansa", "Eurowings", "Swiss", "Austrian Airlines", "Condor", "Ryanair", "easyJet", "KLM", "Air France", "British Airways", "Emirates",
        "Zalando", "Otto", "Amazon", "eBay", "MediaMarkt", "Kaufland", "Lidl", "Aldi", "IKEA", "Temu", "AliExpress",
        "Deutsche Telekom", "T-Mobile", "Vodafone", "O2", "Telefónica", "Swisscom",
        "DHL", "Deutsche Post", "Hermes", "DPD", "UPS", "FedEx", "Deutsche Bahn", "Booking.com",
    ];

    /// <summary>Words that are no business name on their own ("Bank", "Customer Service").</summary>
    public List<string> GenericNames { get; set; } =
    [
        "bank", "banking", "shop", "online shop", "webshop", "store", "support", "customer support", "service", "services",
        "customer service", "customer care", "kundenservice", "kundendienst", "help", "help desk", "hilfe", "hotline",
        "info", "information", "news", "airline", "airlines", "insurance", "versicherung", "payments", "delivery",
        "shipping", "travel", "tickets", "deals", "sale", "outlet", "contact", "kontakt", "team",
        "service client", "assistance", "aide", "assistenza", "supporto", "servizio clienti", "atención al cliente", "soporte", "ayuda",
        "klantenservice", "kundeservice", "kundtjänst", "asiakaspalvelu", "obsługa klienta",
    ];

    /// <summary>Names of the messaging platform and its sister apps, which a business display name must not contain.</summary>
    public List<string> PlatformNames { get; set; } = ["whatsapp", "facebook", "meta", "instagram", "messenger"];

    /// <summary>Words that claim a status the platform grants, in the programme's languages.</summary>
    public List<string> ClaimWords { get; set; } =
    [
        "official", "offiziell", "officiel", "oficial", "ufficiale", "verified", "verifiziert", "vérifié", "verificado", "verificato", "geverifieerd",
    ];

    /// <summary>Mail providers anyone can sign up with; "yahoo.*" stands for every country domain of the provider.</summary>
    public List<string> FreeMailDomains { get; set; } =
    [
        "gmail.com", "googlemail.com", "outlook.*", "hotmail.*", "live.*", "msn.com", "yahoo.*", "ymail.com", "aol.*",
        "icloud.com", "me.com", "mac.com", "gmx.*", "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org",
        "proton.me", "protonmail.com", "protonmail.ch", "tutanota.com", "tuta.io", "mail.com", "mail.ru", "yandex.*",
        "zoho.com", "bluewin.ch", "aon.at", "orange.fr", "free.fr", "laposte.net", "libero.it", "virgilio.it",
        "wp.pl", "onet.pl", "interia.pl", "seznam.cz", "btinternet.com", "sky.com",
    ];

    /// <summary>Categories whose impersonation does the most harm; they start with <see cref="HighRiskCategoryPoints"/>.</summary>
    public List<string> HighRiskCategories { get; set; } =
        [DemoCatalog.Bank, DemoCatalog.Insurer, DemoCatalog.Payments, DemoCatalog.Airline, DemoCatalog.Government];

    /// <summary>Similarity (0–1) to a verified name or protected brand from which the impersonation check fails.</summary>
    public double ImpersonationFailAt { get; set; } = 0.92;

    /// <summary>Similarity (0–1) from which the impersonation check warns.</summary>
    public double ImpersonationWarnAt { get; set; } = 0.80;

    /// <summary>How many of the closest names the report lists.</summary>
    public int ClosestNameCount { get; set; } = 5;

    /// <summary>How old the in-memory list of verified names may get before it is read again.</summary>
    public TimeSpan VerifiedNamesRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A display name in capitals passes if no word has more letters than this ("IKEA", "DHL").</summary>
    public int MaxAcronymLength { get; set; } = 4;

    public CheckPoints EmailDomainPoints { get; set; } = new() { Warn = 10, Fail = 20 };

    public CheckPoints RegistrationFormatPoints { get; set; } = new() { Warn = 12, Fail = 25 };

    public CheckPoints DuplicatesPoints { get; set; } = new() { Warn = 15, Fail = 30 };

    public CheckPoints DisplayNamePoints { get; set; } = new() { Warn = 10, Fail = 20 };

    public CheckPoints ImpersonationPoints { get; set; } = new() { Warn = 30, Fail = 60 };

    /// <summary>Points every request of a <see cref="HighRiskCategories"/> category starts with.</summary>
    public int HighRiskCategoryPoints { get; set; } = 20;

    /// <summary>The lowest risk score of the Medium band; below it is Low.</summary>
    public int MediumRiskFrom { get; set; } = 40;

    /// <summary>The lowest risk score of the High band.</summary>
    public int HighRiskFrom { get; set; } = 70;

    /// <summary>The points a check adds for its verdict.</summary>
    public int PointsFor(string code, CheckVerdict verdict)
    {
        var points = code switch
        {
            CheckCodes.EmailDomain => EmailDomainPoints,
            CheckCodes.RegistrationFormat => RegistrationFormatPoints,
            CheckCodes.Duplicates => DuplicatesPoints,
            CheckCodes.DisplayName => DisplayNamePoints,
            CheckCodes.Impersonation => ImpersonationPoints,
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a check with points."),
        };
        return verdict switch
        {
            CheckVerdict.Warn => points.Warn,
            CheckVerdict.Fail => points.Fail,
            _ => 0,
        };
    }

    /// <summary>The band of a risk score.</summary>
    public string BandOf(int riskScore) =>
        riskScore >= HighRiskFrom ? CheckReport.High : riskScore >= MediumRiskFrom ? CheckReport.Medium : CheckReport.Low;
}

/// <summary>The risk points of one check's Warn and Fail verdicts (a Pass adds none).</summary>
public sealed class CheckPoints
{
    public int Warn { get; set; }

    public int Fail { get; set; }
}
