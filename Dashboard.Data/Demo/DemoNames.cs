using System.Globalization;
using System.Text;

namespace Dashboard.Data.Demo;

/// <summary>Surnames per language region, for names like "Bäckerei Huber" or "Trattoria Rossi".</summary>
internal static class Surnames
{
    public static readonly string[] German = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Huber", "Gruber", "Steiner", "Moser", "Brunner", "Keller", "Baumann", "Frei", "Berger", "Lehmann", "Vogel"];
    public static readonly string[] English = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Miller", "Clark", "Walker", "Wright", "Hall", "Green", "Baker", "Carter", "Turner", "Parker", "Cooper", "Hughes", "Evans", "Patel", "Harris", "Lewis", "Young", "King", "Scott", "Bennett"];
    public static readonly string[] Irish = ["Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor", "Doyle", "McCarthy", "Gallagher", "Kennedy"];
    public static readonly string[] French = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Mercier"];
    public static readonly string[] Italian = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti"];
    public static readonly string[] Spanish = ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero", "Navarro", "Torres", "Ramírez"];
    public static readonly string[] Portuguese = ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto", "Carvalho"];
    public static readonly string[] Dutch = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssens", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peeters", "Hendriks", "Dekker", "Brouwer", "Maes"];
    public static readonly string[] Swedish = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindqvist"];
    public static readonly string[] Scandinavian = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nielsen", "Jensen", "Christensen", "Kristiansen", "Berg", "Haugen"];
    public static readonly string[] Finnish = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen"];
    public static readonly string[] Polish = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk", "Grabowski"];
    public static readonly string[] Czech = ["Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec"];
    public static readonly string[] Hungarian = ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas"];
    public static readonly string[] Romanian = ["Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Constantin", "Stoica", "Gheorghe", "Munteanu", "Marin"];
    public static readonly string[] Bulgarian = ["Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov", "Todorov"];
    public static readonly string[] Greek = ["Papadopoulos", "Georgiou", "Nikolaou", "Pappas", "Vlachos", "Oikonomou", "Karagiannis", "Dimitriou"];
    public static readonly string[] Croatian = ["Horvat", "Kovačević", "Novak", "Babić", "Marić", "Krajnc", "Zupančič", "Kovač", "Potočnik"];
    public static readonly string[] Baltic = ["Tamm", "Saar", "Sepp", "Bērziņš", "Kalniņš", "Ozoliņš", "Kazlauskas", "Jankauskas", "Petrauskas"];
    public static readonly string[] Turkish = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"];
    public static readonly string[] Hebrew = ["Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Katz", "Azoulay"];
    public static readonly string[] Arabic = ["Al Mansouri", "Al Hashimi", "Al Qahtani", "Al Otaibi", "Haddad", "Khalil", "Nasser", "Saleh"];
    public static readonly string[] SouthAfrican = ["Naidoo", "Botha", "van der Merwe", "Dlamini", "Nkosi", "Pillay", "Mokoena", "Smit"];
    public static readonly string[] Nigerian = ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Ibrahim", "Bello", "Adebayo"];
    public static readonly string[] Indian = ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Mehta", "Nair", "Rao", "Joshi", "Kapoor"];
    public static readonly string[] Chinese = ["Tan", "Lim", "Lee", "Ng", "Wong", "Chan", "Chen", "Wang", "Lau", "Cheung", "Ong", "Teo"];
    public static readonly string[] Japanese = ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"];
    public static readonly string[] Korean = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"];
}

/// <summary>Word stems and name templates per language and category: "{S}" is a stem, "{C}" a city, "{N}" a surname.</summary>
internal static class DemoNames
{
    private static readonly Dictionary<NameStyle, string[]> s_stems = new()
    {
        [NameStyle.English] = ["Lumen", "Nova", "Apex", "Vertex", "Harbor", "Summit", "Crest", "Atlas", "Orion", "Zenith", "Aurora", "Meridian", "Pioneer", "Beacon", "Silverline", "Evergreen", "Oakridge", "Maple", "Stellar", "Horizon", "Vista", "Clearwater", "Brightside", "Swift", "Prime", "Cobalt", "Coral", "Amber", "Onyx", "Quartz", "Polaris", "Terra", "Bluewave", "Northstar", "Keystone", "Redwood", "Highland", "Riverside", "Greenfield", "Sterling", "Westbrook", "Crown", "Falcon", "Phoenix"],
        [NameStyle.German] = ["Nord", "Süd", "Alpen", "Rhein", "Elb", "Donau", "Isar", "Main", "Weser", "Hansa", "Berg", "Sonnen", "Stern", "Blau", "Grün", "Linden", "Eichen", "Falken", "Adler", "Edel", "Feld", "See", "Wald", "Heimat", "Brücken", "Quell", "Kristall", "Silber", "Gold", "Bären", "Löwen", "Tannen", "Burg", "Mühlen", "Hafen", "Licht", "Wolken", "Morgen"],
        [NameStyle.French] = ["Lumière", "Horizon", "Étoile", "Azur", "Riviera", "Alpin", "Soleil", "Lys", "Beaulieu", "Belair", "Mistral", "Provence", "Atlantique", "Cèdre", "Vallée", "Clairval", "Montclair", "Rivage", "Opale", "Saphir", "Mirabelle", "Bellevue"],
        [NameStyle.Italian] = ["Aurora", "Stella", "Sole", "Luna", "Monte", "Vento", "Mare", "Alba", "Cielo", "Fiore", "Dolce", "Bella", "Oro", "Verde", "Sirio", "Delta", "Lago", "Valle", "Riva", "Ponte"],
        [NameStyle.Spanish] = ["Sol", "Luna", "Mar", "Cielo", "Sierra", "Costa", "Brisa", "Río", "Alba", "Estrella", "Norte", "Ibérica", "Solaz", "Aurora", "Monte", "Faro", "Olivo", "Palma", "Bahía", "Vega"],
        [NameStyle.Portuguese] = ["Sol", "Mar", "Atlântico", "Estrela", "Rio", "Serra", "Aurora", "Luz", "Porto", "Brisa", "Oliveira", "Vale", "Horizonte", "Farol", "Lua", "Onda"],
        [NameStyle.Dutch] = ["Noord", "Zuid", "Oost", "West", "Polder", "Duin", "Tulp", "Molen", "Haven", "Delta", "Dijk", "Zee", "Oranje", "Kanaal", "Brug", "Linde", "Eik", "Vlinder"],
        [NameStyle.Nordic] = ["Nord", "Fjord", "Skog", "Berg", "Vik", "Norr", "Sol", "Ljus", "Hav", "Strand", "Storm", "Dal", "Holm", "Lund", "Björk", "Ek", "Sjö", "Fjell", "Polar", "Aurora"],
        [NameStyle.Polish] = ["Polmar", "Wistor", "Tatra", "Baltis", "Orlex", "Mazovia", "Silesia", "Pomorze", "Warta", "Karpaty", "Bursztyn", "Jantar", "Sokół", "Dąb", "Lech", "Wisła"],
    };

    private static readonly Dictionary<(string Category, NameStyle Style), string[]> s_templates = BuildTemplates();

    /// <summary>Suffixes an impersonator adds to a brand ("Nordbank Support"), per language.</summary>
    public static string[] ImpersonationSuffixes(NameStyle style) => style switch
    {
        NameStyle.German => ["Kundenservice", "Service", "Support", "Hilfe"],
        NameStyle.French => ["Service Client", "Support", "Assistance"],
        NameStyle.Italian => ["Assistenza", "Supporto", "Servizio Clienti"],
        NameStyle.Spanish => ["Atención al Cliente", "Soporte", "Ayuda"],
        _ => ["Support", "Help Desk", "Customer Care", "Official"],
    };

    public static string Stem(Random random, NameStyle style) =>
        Pick(random, s_stems.TryGetValue(style, out var stems) ? stems : s_stems[NameStyle.English]);

    /// <summary>A display name for a business of the category: a template of its language filled with a stem, city or surname.</summary>
    public static string DisplayName(Random random, string category, DemoRegion region)
    {
        var templates = s_templates.TryGetValue((category, region.Style), out var own) ? own : s_templates[(category, NameStyle.English)];
        var template = Pick(random, templates);
        var builder = new StringBuilder(template);
        if (template.Contains("{S}", StringComparison.Ordinal))
        {
            builder.Replace("{S}", Stem(random, region.Style));
        }

        if (template.Contains("{C}", StringComparison.Ordinal))
        {
            builder.Replace("{C}", Pick(random, region.Cities));
        }

        if (template.Contains("{N}", StringComparison.Ordinal))
        {
            builder.Replace("{N}", Pick(random, region.Surnames));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The domain label of a name: lower-case ASCII, umlauts spelled out, diacritics dropped; short names are run
    /// together ("nordbank"), longer ones hyphenated ("sparkasse-hamburg").
    /// </summary>
    public static string Slug(string name)
    {
        var lower = name.ToLowerInvariant()
            .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal)
            .Replace("ß", "ss", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "o", StringComparison.Ordinal)
            .Replace("œ", "oe", StringComparison.Ordinal).Replace("ł", "l", StringComparison.Ordinal).Replace("đ", "d", StringComparison.Ordinal)
            .Replace("ı", "i", StringComparison.Ordinal).Replace("&", " and ", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                // Lower again: a Turkish dotted capital I only becomes a plain letter after decomposition.
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        var joined = string.Concat(words);
        return joined.Length <= 14 ? joined : string.Join('-', words);
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static Dictionary<(string, NameStyle), string[]> BuildTemplates()
    {
        var t = new Dictionary<(string, NameStyle), string[]>();

        void Add(string category, NameStyle style, params string[] templates) => t[(category, style)] = templates;

        Add(DemoCatalog.Bank, NameStyle.English, "{S} Bank", "{S} Capital Bank", "{C} Savings Bank", "{N} Private Bank", "{S} Trust Bank");
        Add(DemoCatalog.Bank, NameStyle.German, "{S}bank", "{S}bank {C}", "Sparkasse {C}", "Volksbank {C}", "Bankhaus {N}", "Privatbank {N}");
        Add(DemoCatalog.Bank, NameStyle.French, "Banque {S}", "Crédit {S}", "Banque {N}", "Caisse d'Épargne {C}");
        Add(DemoCatalog.Bank, NameStyle.Italian, "Banca {S}", "Banca Popolare di {C}", "Cassa di Risparmio di {C}", "Banca {N}");
        Add(DemoCatalog.Bank, NameStyle.Spanish, "Banco {S}", "Caja {C}", "Banco {N}");
        Add(DemoCatalog.Bank, NameStyle.Portuguese, "Banco {S}", "Caixa {S}", "Banco {N}");
        Add(DemoCatalog.Bank, NameStyle.Nordic, "{S}banken", "{S} Sparbank", "{C} Sparbank");
        Add(DemoCatalog.Bank, NameStyle.Polish, "Bank {S}", "{S} Bank");

        Add(DemoCatalog.Insurer, NameStyle.English, "{S} Insurance", "{S} Assurance", "{S} Mutual", "{C} Life");
        Add(DemoCatalog.Insurer, NameStyle.German, "{S} Versicherung", "{S}versicherung", "{S} Assekuranz", "{S} Lebensversicherung");
        Add(DemoCatalog.Insurer, NameStyle.French, "{S} Assurances", "Mutuelle {S}", "Assurances {N}");
        Add(DemoCatalog.Insurer, NameStyle.Italian, "{S} Assicurazioni", "Assicurazioni {N}");
        Add(DemoCatalog.Insurer, NameStyle.Spanish, "Seguros {S}", "{S} Seguros");
        Add(DemoCatalog.Insurer, NameStyle.Portuguese, "{S} Seguros", "Seguradora {S}");
        Add(DemoCatalog.Insurer, NameStyle.Dutch, "{S} Verzekeringen", "{S} Verzekeraar");
        Add(DemoCatalog.Insurer, NameStyle.Nordic, "{S} Försäkring", "{S} Forsikring");
        Add(DemoCatalog.Insurer, NameStyle.Polish, "{S} Ubezpieczenia", "Towarzystwo Ubezpieczeń {S}");

        Add(DemoCatalog.Payments, NameStyle.English, "{S}Pay", "{S} Payments", "Pay{S}", "{S} Checkout", "{S} Wallet");
        Add(DemoCatalog.Payments, NameStyle.German, "{S}pay", "{S} Payments", "{S}kasse", "{S} Zahlungsdienste");

        Add(DemoCatalog.Airline, NameStyle.English, "{S} Air", "{S} Airways", "{S} Airlines", "Fly{S}", "{S}jet");
        Add(DemoCatalog.Airline, NameStyle.German, "{S}flug", "{S} Air", "{S}jet", "{S} Airlines");
        Add(DemoCatalog.Airline, NameStyle.French, "Air {S}", "{S} Aviation", "{S} Airlines");
        Add(DemoCatalog.Airline, NameStyle.Italian, "Air {S}", "{S} Voli", "{S} Airlines");
        Add(DemoCatalog.Airline, NameStyle.Spanish, "Aerolíneas {S}", "{S} Air", "Vuela {S}");
        Add(DemoCatalog.Airline, NameStyle.Portuguese, "Linhas Aéreas {S}", "{S} Air");

        Add(DemoCatalog.OnlineRetailer, NameStyle.English, "{S} Store", "{S} Retail", "{S}shop", "Shop{S}", "{S} Direct", "{S} Outlet");
        Add(DemoCatalog.OnlineRetailer, NameStyle.German, "{S}shop", "{S}markt", "{S} Versand", "{S}kaufhaus", "{S} Handel");
        Add(DemoCatalog.OnlineRetailer, NameStyle.French, "{S} Boutique", "Maison {S}", "{S} Shop");
        Add(DemoCatalog.OnlineRetailer, NameStyle.Italian, "{S} Store", "Bottega {S}", "{S} Shop");
        Add(DemoCatalog.OnlineRetailer, NameStyle.Spanish, "Tienda {S}", "{S} Store");
        Add(DemoCatalog.OnlineRetailer, NameStyle.Dutch, "{S} Webwinkel", "{S}shop");

        Add(DemoCatalog.Telecom, NameStyle.English, "{S} Telecom", "{S}tel", "{S} Mobile", "{S} Networks", "{S} Connect");
        Add(DemoCatalog.Telecom, NameStyle.German, "{S}tel", "{S}net", "{S} Telekom", "{S}funk", "{S} Kommunikation");
        Add(DemoCatalog.Telecom, NameStyle.French, "{S} Télécom", "{S} Mobile", "{S} Réseaux");
        Add(DemoCatalog.Telecom, NameStyle.Spanish, "{S} Telecomunicaciones", "{S} Móvil");

        Add(DemoCatalog.Logistics, NameStyle.English, "{S} Logistics", "{S} Freight", "{S} Express", "{N} Transport", "{S} Couriers");
        Add(DemoCatalog.Logistics, NameStyle.German, "{S} Logistik", "{S}spedition", "Spedition {N}", "{S} Kurier", "{N} Transporte");
        Add(DemoCatalog.Logistics, NameStyle.French, "Transports {N}", "{S} Logistique", "{S} Express");
        Add(DemoCatalog.Logistics, NameStyle.Italian, "Trasporti {N}", "{S} Logistica");
        Add(DemoCatalog.Logistics, NameStyle.Spanish, "Transportes {N}", "{S} Logística");
        Add(DemoCatalog.Logistics, NameStyle.Dutch, "{N} Transport", "{S} Logistiek");
        Add(DemoCatalog.Logistics, NameStyle.Polish, "{S} Logistyka", "Transport {N}");

        Add(DemoCatalog.Travel, NameStyle.English, "{S} Travel", "{S} Tours", "{S} Holidays", "{C} Travel Centre");
        Add(DemoCatalog.Travel, NameStyle.German, "{S} Reisen", "Reisebüro {N}", "{S}touristik", "{S} Reisen {C}");
        Add(DemoCatalog.Travel, NameStyle.French, "Voyages {S}", "{S} Évasion");
        Add(DemoCatalog.Travel, NameStyle.Italian, "{S} Viaggi", "Agenzia Viaggi {N}");
        Add(DemoCatalog.Travel, NameStyle.Spanish, "Viajes {S}", "{S} Tours");
        Add(DemoCatalog.Travel, NameStyle.Portuguese, "Viagens {S}", "{S} Turismo");

        Add(DemoCatalog.Restaurant, NameStyle.English, "{N}'s Kitchen", "The {S} Grill", "Café {S}", "{S} Bistro", "{S} Diner", "The {S} Arms");
        Add(DemoCatalog.Restaurant, NameStyle.German, "Gasthaus {N}", "Restaurant {S}", "Café {S}", "Brauhaus {S}", "Bistro {S}", "Wirtshaus {N}");
        Add(DemoCatalog.Restaurant, NameStyle.French, "Bistrot {S}", "Brasserie {N}", "Chez {N}", "Café {S}");
        Add(DemoCatalog.Restaurant, NameStyle.Italian, "Trattoria {N}", "Ristorante {S}", "Pizzeria {S}", "Osteria {S}");
        Add(DemoCatalog.Restaurant, NameStyle.Spanish, "Restaurante {S}", "Bar {N}", "Taberna {S}", "Casa {N}");
        Add(DemoCatalog.Restaurant, NameStyle.Portuguese, "Restaurante {S}", "Tasca {N}", "Churrascaria {S}");
        Add(DemoCatalog.Restaurant, NameStyle.Dutch, "Eetcafé {S}", "Restaurant {S}", "Brasserie {N}");
        Add(DemoCatalog.Restaurant, NameStyle.Nordic, "Restaurang {S}", "Café {S}", "{S} Kök");
        Add(DemoCatalog.Restaurant, NameStyle.Polish, "Restauracja {S}", "Bistro {S}", "Pierogarnia {N}");

        Add(DemoCatalog.LocalShop, NameStyle.English, "{N}'s Bakery", "{S} Books", "{N} Hardware", "{S} Flowers", "{S} Corner Shop", "{N} Opticians");
        Add(DemoCatalog.LocalShop, NameStyle.German, "Bäckerei {N}", "Blumen {N}", "Buchhandlung {N}", "Metzgerei {N}", "{S} Laden", "Optik {N}", "Elektro {N}");
        Add(DemoCatalog.LocalShop, NameStyle.French, "Boulangerie {N}", "Librairie {S}", "Fleurs {S}", "Quincaillerie {N}");
        Add(DemoCatalog.LocalShop, NameStyle.Italian, "Panificio {N}", "Libreria {S}", "Ferramenta {N}", "Fiori {S}");
        Add(DemoCatalog.LocalShop, NameStyle.Spanish, "Panadería {N}", "Librería {S}", "Ferretería {N}", "Floristería {S}");
        Add(DemoCatalog.LocalShop, NameStyle.Portuguese, "Padaria {N}", "Livraria {S}", "Floricultura {S}");
        Add(DemoCatalog.LocalShop, NameStyle.Dutch, "Bakkerij {N}", "Boekhandel {S}", "Bloemen {N}");
        Add(DemoCatalog.LocalShop, NameStyle.Nordic, "{N}s Bageri", "{S} Bokhandel", "{S} Blommor");
        Add(DemoCatalog.LocalShop, NameStyle.Polish, "Piekarnia {N}", "Księgarnia {S}", "Kwiaciarnia {S}");

        Add(DemoCatalog.Healthcare, NameStyle.English, "{S} Clinic", "{S} Health", "{S} Medical Centre", "{N} Dental", "{S} Pharmacy");
        Add(DemoCatalog.Healthcare, NameStyle.German, "Praxis Dr. {N}", "{S} Klinik", "{S} Apotheke", "Zahnarztpraxis {N}", "Pflegedienst {S}");
        Add(DemoCatalog.Healthcare, NameStyle.French, "Clinique {S}", "Pharmacie {S}", "Cabinet Dentaire {N}");
        Add(DemoCatalog.Healthcare, NameStyle.Italian, "Clinica {S}", "Farmacia {N}", "Studio Dentistico {N}");
        Add(DemoCatalog.Healthcare, NameStyle.Spanish, "Clínica {S}", "Farmacia {N}", "Clínica Dental {N}");
        Add(DemoCatalog.Healthcare, NameStyle.Portuguese, "Clínica {S}", "Farmácia {N}");

        Add(DemoCatalog.Education, NameStyle.English, "{S} Academy", "{S} Language School", "{S} Learning", "{N} Driving School", "{C} Tutoring");
        Add(DemoCatalog.Education, NameStyle.German, "Sprachschule {S}", "{S} Akademie", "Nachhilfe {N}", "Fahrschule {N}", "{S} Lernstudio");
        Add(DemoCatalog.Education, NameStyle.French, "École {S}", "Académie {S}", "Auto-École {N}");
        Add(DemoCatalog.Education, NameStyle.Italian, "Accademia {S}", "Scuola {S}", "Autoscuola {N}");
        Add(DemoCatalog.Education, NameStyle.Spanish, "Academia {S}", "Escuela {S}", "Autoescuela {N}");

        Add(DemoCatalog.Automotive, NameStyle.English, "{S} Motors", "{N} Auto Repair", "{S} Cars", "{S} Automotive");
        Add(DemoCatalog.Automotive, NameStyle.German, "Autohaus {N}", "{S} Automobile", "Kfz-Werkstatt {N}", "{S} Motors", "Autohaus {S}");
        Add(DemoCatalog.Automotive, NameStyle.French, "Garage {N}", "{S} Automobiles");
        Add(DemoCatalog.Automotive, NameStyle.Italian, "Autofficina {N}", "{S} Auto");
        Add(DemoCatalog.Automotive, NameStyle.Spanish, "Talleres {N}", "{S} Motor");

        Add(DemoCatalog.RealEstate, NameStyle.English, "{S} Properties", "{S} Real Estate", "{N} Estates", "{S} Homes");
        Add(DemoCatalog.RealEstate, NameStyle.German, "{S} Immobilien", "Immobilien {N}", "{S} Wohnbau", "{S} Hausverwaltung");
        Add(DemoCatalog.RealEstate, NameStyle.French, "{S} Immobilier", "Agence {S}");
        Add(DemoCatalog.RealEstate, NameStyle.Italian, "{S} Immobiliare", "Immobiliare {N}");
        Add(DemoCatalog.RealEstate, NameStyle.Spanish, "Inmobiliaria {S}", "{S} Inmuebles");
        Add(DemoCatalog.RealEstate, NameStyle.Dutch, "{S} Makelaars", "{N} Vastgoed");
        Add(DemoCatalog.RealEstate, NameStyle.Polish, "{S} Nieruchomości");

        Add(DemoCatalog.Media, NameStyle.English, "{S} Media", "{S} Publishing", "{S} Studios", "Radio {S}", "{S} News");
        Add(DemoCatalog.Media, NameStyle.German, "{S} Verlag", "{S} Medien", "Radio {S}", "{S} Zeitung");
        Add(DemoCatalog.Media, NameStyle.French, "Éditions {S}", "{S} Médias", "Radio {S}");
        Add(DemoCatalog.Media, NameStyle.Italian, "Edizioni {S}", "{S} Media");
        Add(DemoCatalog.Media, NameStyle.Spanish, "Ediciones {S}", "{S} Medios");

        Add(DemoCatalog.Utilities, NameStyle.English, "{S} Energy", "{S} Power", "{S} Water", "{C} Utilities");
        Add(DemoCatalog.Utilities, NameStyle.German, "Stadtwerke {C}", "{S} Energie", "{S}strom", "{S} Wasser");
        Add(DemoCatalog.Utilities, NameStyle.French, "{S} Énergie", "Eaux de {C}");
        Add(DemoCatalog.Utilities, NameStyle.Italian, "{S} Energia", "Acquedotto di {C}");
        Add(DemoCatalog.Utilities, NameStyle.Spanish, "{S} Energía", "Aguas de {C}");
        Add(DemoCatalog.Utilities, NameStyle.Dutch, "{S} Energie", "Waterbedrijf {C}");
        Add(DemoCatalog.Utilities, NameStyle.Nordic, "{S} Energi", "{C} Energi");
        Add(DemoCatalog.Utilities, NameStyle.Polish, "{S} Energia");

        Add(DemoCatalog.Hospitality, NameStyle.English, "Hotel {S}", "The {S} Hotel", "{S} Inn", "{S} Suites", "{S} Resort");
        Add(DemoCatalog.Hospitality, NameStyle.German, "Hotel {S}", "{S} Hotel {C}", "Pension {N}", "Gasthof {S}", "Landhotel {N}");
        Add(DemoCatalog.Hospitality, NameStyle.French, "Hôtel {S}", "Auberge {S}", "Hôtel {N}");
        Add(DemoCatalog.Hospitality, NameStyle.Italian, "Hotel {S}", "Albergo {S}", "Locanda {S}");
        Add(DemoCatalog.Hospitality, NameStyle.Spanish, "Hotel {S}", "Hostal {S}");
        Add(DemoCatalog.Hospitality, NameStyle.Portuguese, "Hotel {S}", "Pousada {S}");

        Add(DemoCatalog.Beauty, NameStyle.English, "{S} Beauty", "{S} Hair Studio", "Salon {S}", "{N} Barbers", "{S} Nails");
        Add(DemoCatalog.Beauty, NameStyle.German, "Friseur {N}", "Salon {S}", "Kosmetikstudio {S}", "Haarstudio {N}", "Nagelstudio {S}");
        Add(DemoCatalog.Beauty, NameStyle.French, "Salon {S}", "Institut {S}", "Coiffure {N}");
        Add(DemoCatalog.Beauty, NameStyle.Italian, "Parrucchiere {N}", "Estetica {S}");
        Add(DemoCatalog.Beauty, NameStyle.Spanish, "Peluquería {N}", "Estética {S}");

        Add(DemoCatalog.Fitness, NameStyle.English, "{S} Fitness", "{S} Gym", "{S} Yoga", "{S} Athletics");
        Add(DemoCatalog.Fitness, NameStyle.German, "{S} Fitness", "Fitnessstudio {S}", "{S} Sportclub", "Yoga {S}");
        Add(DemoCatalog.Fitness, NameStyle.French, "Salle {S}", "{S} Fitness");
        Add(DemoCatalog.Fitness, NameStyle.Italian, "Palestra {S}", "{S} Fitness");
        Add(DemoCatalog.Fitness, NameStyle.Spanish, "Gimnasio {S}", "{S} Fitness");

        Add(DemoCatalog.Government, NameStyle.English, "City of {C}", "{C} City Council", "{C} Tax Office", "{C} Public Library", "{C} Transport Authority", "{C} Tourist Board", "{C} Employment Office", "{C} Vehicle Licensing Office");
        Add(DemoCatalog.Government, NameStyle.German, "Stadt {C}", "Bürgeramt {C}", "Landratsamt {C}", "Jobcenter {C}", "Finanzamt {C}", "Stadtbibliothek {C}", "Tourist-Information {C}", "Kfz-Zulassungsstelle {C}", "Stadtverwaltung {C}");
        Add(DemoCatalog.Government, NameStyle.French, "Ville de {C}", "Mairie de {C}", "Office de Tourisme de {C}", "Bibliothèque municipale de {C}");
        Add(DemoCatalog.Government, NameStyle.Italian, "Comune di {C}", "Biblioteca Civica di {C}", "Ufficio Turistico di {C}");
        Add(DemoCatalog.Government, NameStyle.Spanish, "Ayuntamiento de {C}", "Oficina de Turismo de {C}", "Biblioteca Municipal de {C}");
        Add(DemoCatalog.Government, NameStyle.Portuguese, "Câmara Municipal de {C}", "Prefeitura de {C}", "Turismo de {C}");
        Add(DemoCatalog.Government, NameStyle.Dutch, "Gemeente {C}", "Stadsbibliotheek {C}", "VVV {C}");
        Add(DemoCatalog.Government, NameStyle.Nordic, "{C} kommun", "{C} stadsbibliotek", "Visit {C}");
        Add(DemoCatalog.Government, NameStyle.Polish, "Urząd Miasta {C}", "Biblioteka Miejska {C}");

        return t;
    }
}
