using Dashboard.Data.Businesses;

namespace Dashboard.Data.Demo;

/// <summary>A country of the demo data: dialling code, website domain and the national number plans its phone numbers follow.</summary>
public sealed record DemoCountry
{
    internal DemoCountry(string code, string name, string callingCode, string websiteTld, int weight, string[] phonePlans, DemoRegion[] regions, string[] freeMail)
    {
        Code = code;
        Name = name;
        CallingCode = callingCode;
        WebsiteTld = websiteTld;
        Weight = weight;
        PhonePlans = phonePlans;
        Regions = regions;
        FreeMail = freeMail;
    }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Code { get; }

    public string Name { get; }

    /// <summary>The ITU country calling code, without the plus sign.</summary>
    public string CallingCode { get; }

    /// <summary>The domain suffix businesses of the country usually use, e.g. "co.uk".</summary>
    public string WebsiteTld { get; }

    /// <summary>The shortest national significant number the demo data uses for the country.</summary>
    public int MinNationalNumberLength => PhonePlans.Min(p => p.Length);

    /// <summary>The longest national significant number the demo data uses for the country.</summary>
    public int MaxNationalNumberLength => PhonePlans.Max(p => p.Length);

    /// <summary>Relative share of the country among the demo businesses (per mille of the total weight).</summary>
    internal int Weight { get; }

    /// <summary>National significant number plans: literal digits, N for 2-9, X for 0-9.</summary>
    internal IReadOnlyList<string> PhonePlans { get; }

    internal IReadOnlyList<DemoRegion> Regions { get; }

    internal IReadOnlyList<string> FreeMail { get; }
}

/// <summary>A language region of a country: its naming style, cities, legal forms and surnames.</summary>
internal sealed record DemoRegion(NameStyle Style, int Weight, string[] Cities, string[] SmallForms, string[] LargeForms, string[] Surnames);

/// <summary>The language whose words and templates make a business name.</summary>
internal enum NameStyle
{
    English,
    German,
    French,
    Italian,
    Spanish,
    Portuguese,
    Dutch,
    Nordic,
    Polish,
}

/// <summary>
/// Size profile of a category: how many of its businesses are large, their headcount, turnover per head and balance
/// sheet relative to turnover, whether trust and safety treats it as high-risk, and how its customers pay.
/// </summary>
internal sealed record DemoCategory(
    string Name,
    double Weight,
    double LargeShare,
    int SmallEmployeesMin,
    int SmallEmployeesMax,
    int LargeEmployeesMin,
    int LargeEmployeesMax,
    int TurnoverPerHeadMinK,
    int TurnoverPerHeadMaxK,
    double BalanceRatioMin,
    double BalanceRatioMax,
    bool HighRisk,
    double EnterpriseShare,
    double PayingSmeShare);

/// <summary>The categories and countries of the console's demo data.</summary>
public static class DemoCatalog
{
    public const string Bank = BusinessCategories.Bank;
    public const string Insurer = BusinessCategories.Insurer;
    public const string Payments = BusinessCategories.Payments;
    public const string Airline = BusinessCategories.Airline;
    public const string OnlineRetailer = BusinessCategories.OnlineRetailer;
    public const string Telecom = BusinessCategories.Telecom;
    public const string Logistics = BusinessCategories.Logistics;
    public const string Travel = BusinessCategories.Travel;
    public const string Restaurant = BusinessCategories.Restaurant;
    public const string LocalShop = BusinessCategories.LocalShop;
    public const string Healthcare = BusinessCategories.Healthcare;
    public const string Education = BusinessCategories.Education;
    public const string Automotive = BusinessCategories.Automotive;
    public const string RealEstate = BusinessCategories.RealEstate;
    public const string Media = BusinessCategories.Media;
    public const string Utilities = BusinessCategories.Utilities;
    public const string Hospitality = BusinessCategories.Hospitality;
    public const string Beauty = BusinessCategories.Beauty;
    public const string Fitness = BusinessCategories.Fitness;
    public const string Government = BusinessCategories.Government;

    internal static IReadOnlyList<DemoCategory> CategoryProfiles { get; } =
    [
        new(Bank, 2.5, 0.65, 8, 200, 300, 90_000, 250, 600, 8, 20, true, 0.8, 0.10),
        new(Insurer, 2.0, 0.55, 5, 200, 300, 60_000, 250, 700, 3, 8, true, 0.6, 0.08),
        new(Payments, 2.0, 0.35, 5, 200, 260, 15_000, 150, 500, 0.8, 3, true, 0.6, 0.15),
        new(Airline, 1.0, 0.75, 10, 220, 400, 110_000, 180, 400, 0.9, 1.5, true, 0.8, 0.15),
        new(OnlineRetailer, 8.0, 0.10, 2, 200, 260, 50_000, 150, 600, 0.3, 0.8, false, 0.5, 0.10),
        new(Telecom, 1.2, 0.65, 5, 200, 300, 200_000, 200, 600, 1.5, 3, false, 0.8, 0.10),
        new(Logistics, 5.0, 0.12, 3, 220, 260, 150_000, 80, 250, 0.4, 1, false, 0.35, 0.08),
        new(Travel, 5.0, 0.06, 2, 150, 260, 30_000, 100, 400, 0.3, 0.7, false, 0.35, 0.08),
        new(Restaurant, 14.0, 0.01, 2, 80, 300, 8_000, 40, 90, 0.3, 0.7, false, 0.2, 0.02),
        new(LocalShop, 16.0, 0.005, 1, 40, 300, 20_000, 60, 200, 0.3, 0.6, false, 0.2, 0.02),
        new(Healthcare, 6.0, 0.05, 3, 200, 300, 25_000, 60, 150, 0.6, 1.4, false, 0.3, 0.04),
        new(Education, 4.0, 0.05, 2, 150, 300, 10_000, 40, 120, 0.5, 1.5, false, 0.3, 0.04),
        new(Automotive, 5.0, 0.08, 3, 200, 300, 120_000, 150, 500, 0.5, 1.2, false, 0.35, 0.05),
        new(RealEstate, 5.0, 0.05, 1, 80, 260, 8_000, 150, 600, 3, 10, false, 0.3, 0.04),
        new(Media, 4.0, 0.07, 2, 150, 260, 20_000, 100, 350, 0.6, 1.5, false, 0.35, 0.06),
        new(Utilities, 1.5, 0.45, 10, 200, 300, 40_000, 300, 900, 1.2, 2.5, false, 0.6, 0.06),
        new(Hospitality, 6.0, 0.04, 3, 180, 300, 30_000, 40, 120, 1, 3, false, 0.3, 0.05),
        new(Beauty, 6.0, 0.01, 1, 40, 300, 5_000, 40, 120, 0.3, 0.6, false, 0.2, 0.02),
        new(Fitness, 4.0, 0.03, 2, 80, 300, 8_000, 40, 100, 0.8, 2, false, 0.2, 0.03),
        new(Government, 1.8, 0.30, 10, 240, 300, 50_000, 60, 150, 1, 3, true, 0.5, 0.05),
    ];

    /// <summary>Every business category, in catalogue order.</summary>
    public static IReadOnlyList<string> Categories { get; } = CategoryProfiles.Select(c => c.Name).ToList();

    /// <summary>Every country of the demo data, DACH first.</summary>
    public static IReadOnlyList<DemoCountry> Countries { get; } = BuildCountries();

    private static readonly Dictionary<string, DemoCountry> s_countries = Countries.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The demo country with this ISO code, or null.</summary>
    public static DemoCountry? Country(string code) => s_countries.GetValueOrDefault(code);

    private static List<DemoCountry> BuildCountries()
    {
        string[] german = ["GmbH", "GmbH", "GmbH", "GmbH", "UG (haftungsbeschränkt)", "e.K.", "e.K.", "KG", "GmbH & Co. KG"];
        string[] germanLarge = ["AG", "AG", "SE", "GmbH", "GmbH & Co. KG"];
        string[] us = ["Inc.", "LLC", "LLC"];
        string[] spanishLatAm = ["S.A. de C.V.", "S. de R.L. de C.V."];
        string[] free = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com"];

        return
        [
            new("DE", "Germany", "49", "de", 200,
                ["30NXXXXXXX", "40NXXXXXXX", "89NXXXXXXX", "69NXXXXXXX", "221NXXXXXX", "211NXXXXXX", "711NXXXXXX", "341NXXXXXX", "151XXXXXXXX", "152XXXXXXXX", "171XXXXXXXX", "176XXXXXXXX"],
                [new(NameStyle.German, 1, ["Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig", "Dresden", "Hannover", "Bremen", "Nürnberg", "Freiburg", "Münster"], german, germanLarge, Surnames.German)],
                ["gmx.de", "web.de", "t-online.de", .. free]),
            new("AT", "Austria", "43", "at", 70,
                ["1NXXXXXX", "316NXXXXX", "732NXXXXX", "662NXXXXX", "512NXXXXX", "664XXXXXXX", "676XXXXXXX", "699XXXXXXXX"],
                [new(NameStyle.German, 1, ["Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt", "St. Pölten", "Bregenz"], ["GmbH", "GmbH", "GmbH", "e.U.", "e.U.", "KG", "OG"], ["AG", "AG", "GmbH"], Surnames.German)],
                ["gmx.at", "aon.at", .. free]),
            new("CH", "Switzerland", "41", "ch", 80,
                ["44NXXXXXX", "61NXXXXXX", "31NXXXXXX", "22NXXXXXX", "21NXXXXXX", "41NXXXXXX", "91NXXXXXX", "79XXXXXXX", "78XXXXXXX", "76XXXXXXX"],
                [
                    new(NameStyle.German, 70, ["Zürich", "Basel", "Bern", "Luzern", "St. Gallen", "Winterthur", "Zug"], ["GmbH", "GmbH", "AG", "AG"], ["AG"], Surnames.German),
                    new(NameStyle.French, 25, ["Genève", "Lausanne", "Neuchâtel", "Fribourg", "Sion"], ["Sàrl", "Sàrl", "SA"], ["SA"], Surnames.French),
                    new(NameStyle.Italian, 5, ["Lugano", "Bellinzona", "Locarno"], ["Sagl", "SA"], ["SA"], Surnames.Italian),
                ],
                ["bluewin.ch", "gmx.ch", .. free]),
            new("GB", "United Kingdom", "44", "co.uk", 50,
                ["20NXXXXXXX", "161NXXXXXX", "121NXXXXXX", "131NXXXXXX", "141NXXXXXX", "113NXXXXXX", "7NXXXXXXXX"],
                [new(NameStyle.English, 1, ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh", "Bristol", "Liverpool"], ["Ltd"], ["plc", "plc", "Ltd"], Surnames.English)],
                ["btinternet.com", "sky.com", .. free]),
            new("FR", "France", "33", "fr", 50,
                ["1XXXXXXXX", "4XXXXXXXX", "3XXXXXXXX", "5XXXXXXXX", "6XXXXXXXX", "7XXXXXXXX"],
                [new(NameStyle.French, 1, ["Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Nice"], ["SARL", "SARL", "SAS", "SAS", "EURL"], ["SA", "SAS"], Surnames.French)],
                ["orange.fr", "free.fr", "laposte.net", .. free]),
            new("US", "United States", "1", "com", 50,
                ["212NXXXXXX", "415NXXXXXX", "312NXXXXXX", "206NXXXXXX", "617NXXXXXX", "512NXXXXXX", "305NXXXXXX", "404NXXXXXX", "303NXXXXXX", "646NXXXXXX"],
                [new(NameStyle.English, 1, ["New York", "San Francisco", "Chicago", "Seattle", "Boston", "Austin", "Miami", "Atlanta", "Denver"], us, ["Inc.", "Inc.", "Corp."], Surnames.English)],
                ["aol.com", "icloud.com", .. free]),
            new("IT", "Italy", "39", "it", 40,
                ["06XXXXXXXX", "02XXXXXXXX", "011XXXXXXX", "055XXXXXXX", "081XXXXXXX", "33XXXXXXXX", "34XXXXXXXX", "32XXXXXXXX"],
                [new(NameStyle.Italian, 1, ["Roma", "Milano", "Torino", "Firenze", "Napoli", "Bologna", "Verona", "Genova"], ["S.r.l.", "S.r.l.", "S.r.l.", "S.r.l.s.", "S.n.c."], ["S.p.A."], Surnames.Italian)],
                ["libero.it", "virgilio.it", .. free]),
            new("ES", "Spain", "34", "es", 40,
                ["91XXXXXXX", "93XXXXXXX", "96XXXXXXX", "95XXXXXXX", "6XXXXXXXX", "7NXXXXXXX"],
                [new(NameStyle.Spanish, 1, ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Málaga", "Zaragoza"], ["S.L.", "S.L.", "S.L.", "S.A."], ["S.A."], Surnames.Spanish)],
                ["telefonica.net", .. free]),
            new("NL", "Netherlands", "31", "nl", 35,
                ["20NXXXXXX", "10NXXXXXX", "70NXXXXXX", "30NXXXXXX", "6XXXXXXXX"],
                [new(NameStyle.Dutch, 1, ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen"], ["B.V."], ["N.V.", "B.V."], Surnames.Dutch)],
                ["ziggo.nl", "kpnmail.nl", .. free]),
            new("PL", "Poland", "48", "pl", 30,
                ["22XXXXXXX", "12XXXXXXX", "61XXXXXXX", "71XXXXXXX", "5XXXXXXXX", "6XXXXXXXX", "7XXXXXXXX", "88XXXXXXX"],
                [new(NameStyle.Polish, 1, ["Warszawa", "Kraków", "Poznań", "Wrocław", "Gdańsk", "Łódź"], ["sp. z o.o."], ["S.A."], Surnames.Polish)],
                ["wp.pl", "onet.pl", "interia.pl", .. free]),
            new("BE", "Belgium", "32", "be", 20,
                ["2NXXXXXX", "3NXXXXXX", "9NXXXXXX", "4NXXXXXX", "47XXXXXXX", "48XXXXXXX", "49XXXXXXX"],
                [
                    new(NameStyle.Dutch, 55, ["Antwerpen", "Gent", "Brugge", "Leuven", "Mechelen"], ["BV"], ["NV"], Surnames.Dutch),
                    new(NameStyle.French, 45, ["Bruxelles", "Liège", "Namur", "Charleroi", "Mons"], ["SRL"], ["SA"], Surnames.French),
                ],
                ["skynet.be", "telenet.be", .. free]),
            new("SE", "Sweden", "46", "se", 18,
                ["8NXXXXXX", "8NXXXXXXX", "31NXXXXXX", "40NXXXXXX", "70XXXXXXX", "73XXXXXXX"],
                [new(NameStyle.Nordic, 1, ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Linköping"], ["AB"], ["AB"], Surnames.Swedish)],
                ["telia.com", .. free]),
            new("NO", "Norway", "47", "no", 12,
                ["2XXXXXXX", "5XXXXXXX", "4XXXXXXX", "9XXXXXXX"],
                [new(NameStyle.Nordic, 1, ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"], ["AS"], ["ASA", "AS"], Surnames.Scandinavian)],
                ["online.no", .. free]),
            new("DK", "Denmark", "45", "dk", 12,
                ["3XXXXXXX", "7XXXXXXX", "2XXXXXXX", "4XXXXXXX", "5XXXXXXX", "6XXXXXXX", "8XXXXXXX"],
                [new(NameStyle.Nordic, 1, ["København", "Aarhus", "Odense", "Aalborg", "Esbjerg"], ["ApS", "ApS", "I/S"], ["A/S"], Surnames.Scandinavian)],
                ["mail.dk", .. free]),
            new("FI", "Finland", "358", "fi", 10,
                ["9NXXXXXXX", "40XXXXXXX", "50XXXXXXX", "44XXXXXXX"],
                [new(NameStyle.Nordic, 1, ["Helsinki", "Espoo", "Tampere", "Turku", "Oulu"], ["Oy"], ["Oyj"], Surnames.Finnish)],
                ["luukku.com", .. free]),
            new("IE", "Ireland", "353", "ie", 12,
                ["1NXXXXXX", "21NXXXXXX", "83XXXXXXX", "85XXXXXXX", "86XXXXXXX", "87XXXXXXX"],
                [new(NameStyle.English, 1, ["Dublin", "Cork", "Galway", "Limerick", "Waterford"], ["Ltd", "Ltd", "DAC"], ["plc", "DAC"], Surnames.Irish)],
                ["eircom.net", .. free]),
            new("PT", "Portugal", "351", "pt", 15,
                ["21XXXXXXX", "22XXXXXXX", "91XXXXXXX", "93XXXXXXX", "96XXXXXXX"],
                [new(NameStyle.Portuguese, 1, ["Lisboa", "Porto", "Braga", "Coimbra", "Faro"], ["Lda."], ["S.A."], Surnames.Portuguese)],
                ["sapo.pt", .. free]),
            new("CZ", "Czechia", "420", "cz", 14,
                ["2XXXXXXXX", "5XXXXXXXX", "60XXXXXXX", "73XXXXXXX", "77XXXXXXX"],
                [new(NameStyle.English, 1, ["Praha", "Brno", "Ostrava", "Plzeň", "Olomouc"], ["s.r.o."], ["a.s."], Surnames.Czech)],
                ["seznam.cz", "email.cz", .. free]),
            new("SK", "Slovakia", "421", "sk", 6,
                ["2NXXXXXXX", "90XXXXXXX", "91XXXXXXX", "94XXXXXXX"],
                [new(NameStyle.English, 1, ["Bratislava", "Košice", "Žilina", "Nitra"], ["s.r.o."], ["a.s."], Surnames.Czech)],
                ["azet.sk", .. free]),
            new("HU", "Hungary", "36", "hu", 10,
                ["1NXXXXXX", "20XXXXXXX", "30XXXXXXX", "70XXXXXXX", "52NXXXXX"],
                [new(NameStyle.English, 1, ["Budapest", "Debrecen", "Szeged", "Pécs", "Győr"], ["Kft.", "Kft.", "Bt."], ["Zrt.", "Nyrt."], Surnames.Hungarian)],
                ["freemail.hu", "citromail.hu", .. free]),
            new("RO", "Romania", "40", "ro", 10,
                ["21XXXXXXX", "7NXXXXXXX", "264XXXXXX"],
                [new(NameStyle.English, 1, ["București", "Cluj-Napoca", "Timișoara", "Iași", "Brașov"], ["S.R.L."], ["S.A."], Surnames.Romanian)],
                ["yahoo.ro", .. free]),
            new("BG", "Bulgaria", "359", "bg", 6,
                ["2NXXXXXX", "87XXXXXXX", "88XXXXXXX", "89XXXXXXX", "52NXXXXX"],
                [new(NameStyle.English, 1, ["Sofia", "Plovdiv", "Varna", "Burgas"], ["EOOD", "OOD"], ["AD", "EAD"], Surnames.Bulgarian)],
                ["abv.bg", .. free]),
            new("GR", "Greece", "30", "gr", 10,
                ["21XXXXXXXX", "231XXXXXXX", "69XXXXXXXX"],
                [new(NameStyle.English, 1, ["Athens", "Thessaloniki", "Patras", "Heraklion"], ["I.K.E.", "E.P.E."], ["A.E."], Surnames.Greek)],
                ["otenet.gr", .. free]),
            new("HR", "Croatia", "385", "hr", 5,
                ["1NXXXXXX", "91XXXXXXX", "98XXXXXXX", "95XXXXXXX"],
                [new(NameStyle.English, 1, ["Zagreb", "Split", "Rijeka", "Osijek"], ["d.o.o."], ["d.d."], Surnames.Croatian)],
                ["net.hr", .. free]),
            new("SI", "Slovenia", "386", "si", 4,
                ["1NXXXXXX", "2NXXXXXX", "31XXXXXX", "40XXXXXX", "41XXXXXX", "51XXXXXX"],
                [new(NameStyle.English, 1, ["Ljubljana", "Maribor", "Celje", "Koper"], ["d.o.o."], ["d.d."], Surnames.Croatian)],
                ["siol.net", .. free]),
            new("EE", "Estonia", "372", "ee", 3,
                ["6NXXXXX", "5XXXXXXX"],
                [new(NameStyle.English, 1, ["Tallinn", "Tartu", "Pärnu"], ["OÜ"], ["AS"], Surnames.Baltic)],
                ["mail.ee", .. free]),
            new("LV", "Latvia", "371", "lv", 3,
                ["6NXXXXXX", "2XXXXXXX"],
                [new(NameStyle.English, 1, ["Rīga", "Daugavpils", "Liepāja"], ["SIA"], ["AS"], Surnames.Baltic)],
                ["inbox.lv", .. free]),
            new("LT", "Lithuania", "370", "lt", 4,
                ["5NXXXXXX", "6XXXXXXX"],
                [new(NameStyle.English, 1, ["Vilnius", "Kaunas", "Klaipėda"], ["UAB"], ["AB"], Surnames.Baltic)],
                ["one.lt", .. free]),
            new("LU", "Luxembourg", "352", "lu", 5,
                ["2NXXXXXX", "621XXXXXX", "661XXXXXX", "691XXXXXX"],
                [new(NameStyle.French, 1, ["Luxembourg", "Esch-sur-Alzette", "Differdange"], ["S.à r.l."], ["S.A."], Surnames.French)],
                ["pt.lu", .. free]),
            new("TR", "Türkiye", "90", "com.tr", 15,
                ["212NXXXXXX", "216NXXXXXX", "312NXXXXXX", "53XXXXXXXX", "54XXXXXXXX"],
                [new(NameStyle.English, 1, ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya"], ["Ltd. Şti."], ["A.Ş."], Surnames.Turkish)],
                ["yandex.com.tr", .. free]),
            new("IL", "Israel", "972", "co.il", 6,
                ["3NXXXXXX", "2NXXXXXX", "50XXXXXXX", "52XXXXXXX", "54XXXXXXX"],
                [new(NameStyle.English, 1, ["Tel Aviv", "Jerusalem", "Haifa", "Herzliya"], ["Ltd."], ["Ltd."], Surnames.Hebrew)],
                ["walla.co.il", .. free]),
            new("AE", "United Arab Emirates", "971", "ae", 10,
                ["4NXXXXXX", "2NXXXXXX", "50XXXXXXX", "55XXXXXXX"],
                [new(NameStyle.English, 1, ["Dubai", "Abu Dhabi", "Sharjah"], ["LLC", "FZ-LLC"], ["PJSC", "LLC"], Surnames.Arabic)],
                free),
            new("SA", "Saudi Arabia", "966", "com.sa", 8,
                ["11NXXXXXX", "12NXXXXXX", "50XXXXXXX", "55XXXXXXX"],
                [new(NameStyle.English, 1, ["Riyadh", "Jeddah", "Dammam"], ["LLC"], ["JSC"], Surnames.Arabic)],
                free),
            new("ZA", "South Africa", "27", "co.za", 8,
                ["11NXXXXXX", "21NXXXXXX", "31NXXXXXX", "82XXXXXXX", "83XXXXXXX", "72XXXXXXX"],
                [new(NameStyle.English, 1, ["Johannesburg", "Cape Town", "Durban", "Pretoria"], ["(Pty) Ltd"], ["Ltd"], Surnames.SouthAfrican)],
                ["mweb.co.za", .. free]),
            new("NG", "Nigeria", "234", "com.ng", 7,
                ["1NXXXXXX", "80XXXXXXXX", "81XXXXXXXX", "70XXXXXXXX", "90XXXXXXXX"],
                [new(NameStyle.English, 1, ["Lagos", "Abuja", "Port Harcourt", "Ibadan"], ["Ltd"], ["Plc"], Surnames.Nigerian)],
                free),
            new("IN", "India", "91", "in", 20,
                ["22NXXXXXXX", "11NXXXXXXX", "80NXXXXXXX", "9XXXXXXXXX", "8XXXXXXXXX", "7XXXXXXXXX"],
                [new(NameStyle.English, 1, ["Mumbai", "Delhi", "Bengaluru", "Chennai", "Hyderabad", "Pune"], ["Pvt. Ltd."], ["Ltd."], Surnames.Indian)],
                ["rediffmail.com", .. free]),
            new("SG", "Singapore", "65", "com.sg", 8,
                ["6XXXXXXX", "8XXXXXXX", "9XXXXXXX"],
                [new(NameStyle.English, 1, ["Singapore"], ["Pte. Ltd."], ["Ltd."], Surnames.Chinese)],
                free),
            new("MY", "Malaysia", "60", "com.my", 5,
                ["3NXXXXXXX", "12XXXXXXX", "19XXXXXXX", "11XXXXXXXX"],
                [new(NameStyle.English, 1, ["Kuala Lumpur", "Penang", "Johor Bahru"], ["Sdn. Bhd."], ["Bhd."], Surnames.Chinese)],
                free),
            new("JP", "Japan", "81", "co.jp", 12,
                ["3XXXXXXXX", "6XXXXXXXX", "90XXXXXXXX", "80XXXXXXXX", "70XXXXXXXX"],
                [new(NameStyle.English, 1, ["Tokyo", "Osaka", "Yokohama", "Nagoya", "Fukuoka"], ["K.K.", "G.K."], ["K.K."], Surnames.Japanese)],
                ["docomo.ne.jp", .. free]),
            new("KR", "South Korea", "82", "co.kr", 8,
                ["2NXXXXXXX", "10XXXXXXXX", "51NXXXXXX"],
                [new(NameStyle.English, 1, ["Seoul", "Busan", "Incheon", "Daegu"], ["Co., Ltd."], ["Co., Ltd.", "Corp."], Surnames.Korean)],
                ["naver.com", "daum.net", .. free]),
            new("HK", "Hong Kong", "852", "com.hk", 5,
                ["2XXXXXXX", "3XXXXXXX", "5XXXXXXX", "6XXXXXXX", "9XXXXXXX"],
                [new(NameStyle.English, 1, ["Hong Kong", "Kowloon"], ["Limited", "Ltd"], ["Limited"], Surnames.Chinese)],
                free),
            new("AU", "Australia", "61", "com.au", 12,
                ["2NXXXXXXX", "3NXXXXXXX", "7NXXXXXXX", "8NXXXXXXX", "4XXXXXXXX"],
                [new(NameStyle.English, 1, ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"], ["Pty Ltd"], ["Ltd", "Limited"], Surnames.English)],
                ["bigpond.com", .. free]),
            new("NZ", "New Zealand", "64", "co.nz", 4,
                ["9NXXXXXX", "4NXXXXXX", "21XXXXXXX", "22XXXXXXX", "27XXXXXXX"],
                [new(NameStyle.English, 1, ["Auckland", "Wellington", "Christchurch"], ["Ltd", "Limited"], ["Limited"], Surnames.English)],
                ["xtra.co.nz", .. free]),
            new("CA", "Canada", "1", "ca", 13,
                ["416NXXXXXX", "604NXXXXXX", "514NXXXXXX", "613NXXXXXX", "403NXXXXXX"],
                [new(NameStyle.English, 1, ["Toronto", "Vancouver", "Montréal", "Ottawa", "Calgary"], ["Inc.", "Ltd."], ["Inc."], Surnames.English)],
                ["rogers.com", "shaw.ca", .. free]),
            new("MX", "Mexico", "52", "com.mx", 10,
                ["55XXXXXXXX", "33XXXXXXXX", "81XXXXXXXX"],
                [new(NameStyle.Spanish, 1, ["Ciudad de México", "Guadalajara", "Monterrey", "Puebla"], spanishLatAm, ["S.A.B. de C.V.", "S.A. de C.V."], Surnames.Spanish)],
                ["prodigy.net.mx", .. free]),
            new("BR", "Brazil", "55", "com.br", 16,
                ["11NXXXXXXX", "119XXXXXXXX", "21NXXXXXXX", "219XXXXXXXX", "31NXXXXXXX"],
                [new(NameStyle.Portuguese, 1, ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre"], ["Ltda."], ["S.A."], Surnames.Portuguese)],
                ["uol.com.br", "bol.com.br", .. free]),
            new("AR", "Argentina", "54", "com.ar", 6,
                ["11NXXXXXXX", "911XXXXXXXX"],
                [new(NameStyle.Spanish, 1, ["Buenos Aires", "Córdoba", "Rosario", "Mendoza"], ["S.R.L.", "S.A.S."], ["S.A."], Surnames.Spanish)],
                ["fibertel.com.ar", .. free]),
            new("CL", "Chile", "56", "cl", 5,
                ["2NXXXXXXX", "9XXXXXXXX"],
                [new(NameStyle.Spanish, 1, ["Santiago", "Valparaíso", "Concepción"], ["SpA", "Ltda."], ["S.A."], Surnames.Spanish)],
                free),
        ];
    }
}
