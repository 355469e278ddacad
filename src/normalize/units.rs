//! The unit and currency registry: every spelling the reader knows, the dimension it measures
//! and its conversion to the one canonical unit of that dimension.
//!
//! Spellings map to a unit id in [`UNIT_WORDS`] (the lexer folds them into its one hash
//! table of known words); ids map to their conversion in [`unit`]. Money is never converted: [`currency_word`] and [`currency_code`] only name the
//! ISO 4217 code.

use crate::model::AssertionKind;

/// What a unit measures. Values of different dimensions never compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    Length,
    Area,
    Volume,
    Mass,
    Speed,
    Temperature,
    Time,
    Percent,
    PercentagePoint,
}

impl Dim {
    /// The canonical unit every value of this dimension is converted to.
    pub fn canonical(self) -> &'static str {
        match self {
            Dim::Length => "km",
            Dim::Area => "km²",
            Dim::Volume => "litre",
            Dim::Mass => "kg",
            Dim::Speed => "km/h",
            Dim::Temperature => "°C",
            Dim::Time => "day",
            Dim::Percent => "%",
            Dim::PercentagePoint => "percentage point",
        }
    }

    /// The dimension of a property's declared unit (`km`, `kg`, `°C`, `people`...).
    pub fn of_property_unit(name: &str) -> Option<Dim> {
        let lower = name.trim().to_ascii_lowercase();
        if let Some(d) = [
            Dim::Length,
            Dim::Area,
            Dim::Volume,
            Dim::Mass,
            Dim::Speed,
            Dim::Temperature,
            Dim::Time,
            Dim::Percent,
            Dim::PercentagePoint,
        ]
        .into_iter()
        .find(|d| d.canonical().eq_ignore_ascii_case(&lower))
        {
            return Some(d);
        }
        let id = unit_id(&lower)?;
        unit(id).map(|u| u.dim)
    }
}

/// A unit's dimension and conversion: canonical = value × factor + offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub canonical: &'static str,
    pub factor: f64,
    /// Only temperatures have one (Fahrenheit to Celsius).
    pub offset: f64,
    pub kind: AssertionKind,
    pub dim: Dim,
}

const fn u(dim: Dim, factor: f64) -> Unit {
    Unit {
        canonical: match dim {
            Dim::Length => "km",
            Dim::Area => "km²",
            Dim::Volume => "litre",
            Dim::Mass => "kg",
            Dim::Speed => "km/h",
            Dim::Temperature => "°C",
            Dim::Time => "day",
            Dim::Percent => "%",
            Dim::PercentagePoint => "percentage point",
        },
        factor,
        offset: 0.0,
        kind: match dim {
            Dim::Time => AssertionKind::Duration,
            _ => AssertionKind::Quantity,
        },
        dim,
    }
}

/// Maps a lower-cased spelling to its unit id. Words that are also ordinary words or scales
/// ("m", "in", "pound", "h") keep their own id and are read as units only where the parser
/// knows they are one.
pub fn unit_id(w: &str) -> Option<&'static str> {
    UNIT_WORDS
        .iter()
        .find(|(spellings, _)| spellings.contains(&w))
        .map(|(_, id)| *id)
}

/// Unit spellings by unit id.
pub const UNIT_WORDS: &[(&[&str], &str)] = &[
    // length
    (
        &[
            "km",
            "kms",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
        ],
        "km",
    ),
    (&["mile", "miles", "mi"], "mile"),
    (&["metre", "metres", "meter", "meters"], "metre"),
    (
        &[
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
        ],
        "cm",
    ),
    (
        &[
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
        ],
        "mm",
    ),
    (&["ft", "foot", "feet"], "foot"),
    (&["inch", "inches"], "inch"),
    (&["yard", "yards", "yd", "yds"], "yard"),
    (&["nautical"], "nautical"),
    // area
    (&["hectare", "hectares", "ha"], "hectare"),
    (&["acre", "acres"], "acre"),
    (&["square", "sq"], "square"),
    (&["cubic", "cu"], "cubic"),
    // volume
    (&["litre", "litres", "liter", "liters"], "litre"),
    (
        &[
            "ml",
            "millilitre",
            "millilitres",
            "milliliter",
            "milliliters",
        ],
        "ml",
    ),
    (&["gallon", "gallons"], "gallon"),
    (&["barrel", "barrels", "bbl"], "barrel"),
    (&["bushel", "bushels", "bu"], "bushel"),
    // mass
    (
        &[
            "kg",
            "kgs",
            "kilogram",
            "kilograms",
            "kilogramme",
            "kilogrammes",
            "kilo",
            "kilos",
        ],
        "kg",
    ),
    (&["g", "gram", "grams", "gramme", "grammes"], "gram"),
    (&["mg", "milligram", "milligrams"], "mg"),
    (&["tonne", "tonnes"], "tonne"),
    (&["ton", "tons"], "ton"),
    (&["lb", "lbs"], "lb"),
    (&["oz", "ounce", "ounces"], "ounce"),
    (&["stone"], "stone"),
    // speed
    (&["mph"], "mph"),
    (&["kph", "kmh", "km/h"], "kph"),
    (&["knot", "knots"], "knot"),
    // temperature
    (&["degree", "degrees", "deg"], "degree"),
    (&["celsius", "centigrade"], "celsius"),
    (&["fahrenheit"], "fahrenheit"),
    (&["°c"], "°C"),
    (&["°f"], "°F"),
    // time
    (&["second", "seconds", "sec", "secs"], "second"),
    (&["minute", "minutes", "min", "mins"], "minute"),
    (&["hour", "hours", "hr", "hrs"], "hour"),
    (&["day", "days"], "day"),
    (&["week", "weeks", "wk", "wks"], "week"),
    (&["fortnight", "fortnights"], "fortnight"),
    (&["month", "months"], "month"),
    (&["year", "years", "yr", "yrs"], "year"),
    (&["decade", "decades"], "decade"),
    (&["century", "centuries"], "century"),
    // percentages
    (&["percent", "pct"], "percent"),
    (&["percentage"], "percentage"),
    (&["pp", "ppt", "ppts"], "pp"),
    (&["bps"], "bps"),
    (&["point", "points"], "point"),
    (&["basis"], "basis"),
];

/// Whether a lower-cased word is a length unit that a "2" or "3" may follow ("km2", "m3").
pub fn is_length_word(w: &str) -> bool {
    matches!(w, "m" | "km" | "cm" | "mm" | "ft" | "mi")
}

/// The conversion of a unit id (see [`unit_id`]). "second" is the unit of time; the ordinal
/// is told apart by the parser.
pub fn unit(id: &str) -> Option<Unit> {
    use Dim::*;
    Some(match id {
        "km" => u(Length, 1.0),
        "mile" => u(Length, 1.609_344),
        "metre" | "m" => u(Length, 0.001),
        "cm" => u(Length, 1e-5),
        "mm" => u(Length, 1e-6),
        "foot" => u(Length, 0.000_304_8),
        "inch" => u(Length, 0.000_025_4),
        "yard" => u(Length, 0.000_914_4),
        "nmi" => u(Length, 1.852),
        "hectare" => u(Area, 0.01),
        "acre" => u(Area, 0.004_046_856_422_4),
        "litre" => u(Volume, 1.0),
        "ml" => u(Volume, 0.001),
        // US gallon; the imperial gallon (4.546 l) is the British spelling's other meaning.
        "gallon" => u(Volume, 3.785_411_784),
        "barrel" => u(Volume, 158.987_294_928),
        // The US (Winchester) bushel of grain statistics.
        "bushel" => u(Volume, 35.239_070_166_88),
        "kg" => u(Mass, 1.0),
        "gram" => u(Mass, 0.001),
        "mg" => u(Mass, 1e-6),
        "tonne" => u(Mass, 1000.0),
        // News "tons" are mostly metric; a US short ton is 907 kg, a long ton 1,016 kg.
        "ton" => u(Mass, 1000.0),
        "lb" => u(Mass, 0.453_592_37),
        "ounce" => u(Mass, 0.028_349_523_125),
        "stone" => u(Mass, 6.350_293_18),
        "mph" => u(Speed, 1.609_344),
        "kph" => u(Speed, 1.0),
        "knot" => u(Speed, 1.852),
        "°C" | "celsius" => u(Temperature, 1.0),
        "°F" | "fahrenheit" => Unit {
            offset: -32.0 * 5.0 / 9.0,
            ..u(Temperature, 5.0 / 9.0)
        },
        "second" => u(Time, 1.0 / 86_400.0),
        "minute" => u(Time, 1.0 / 1440.0),
        "hour" | "h" => u(Time, 1.0 / 24.0),
        "day" => u(Time, 1.0),
        "week" => u(Time, 7.0),
        "fortnight" => u(Time, 14.0),
        "month" => u(Time, 30.436_875),
        "year" => u(Time, 365.2425),
        "decade" => u(Time, 3652.425),
        "century" => u(Time, 36_524.25),
        "percent" => u(Percent, 1.0),
        "pp" => u(PercentagePoint, 1.0),
        "bps" => u(PercentagePoint, 0.01),
        _ => return None,
    })
}

/// The square or cube of a length unit, in km² or litres.
pub fn power_of(length: Unit, power: u8) -> Option<Unit> {
    if length.dim != Dim::Length {
        return None;
    }
    match power {
        2 => Some(u(Dim::Area, length.factor * length.factor)),
        // km³ to litres: 1 km³ = 1e12 l.
        3 => Some(u(Dim::Volume, length.factor.powi(3) * 1e12)),
        _ => None,
    }
}

/// A length over a time: "km/h", "miles per hour", "metres a second".
pub fn speed_of(length: Unit, time: Unit) -> Option<Unit> {
    (length.dim == Dim::Length && time.dim == Dim::Time)
        .then(|| u(Dim::Speed, length.factor / (time.factor * 24.0)))
}

/// Words naming a currency, as canonical lexer ids: "pounds", "dollars", "bucks".
pub fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "GBP" | "pound" | "quid" => "GBP",
        "USD" | "bucks" => "USD",
        "EUR" => "EUR",
        "JPY" => "JPY",
        "INR" => "INR",
        "IRR" => "IRR",
        "AFN" => "AFN",
        "RUB" => "RUB",
        "CNY" => "CNY",
        "CHF" => "CHF",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "NZD" => "NZD",
        "HKD" => "HKD",
        "SGD" => "SGD",
        "KRW" => "KRW",
        "ILS" => "ILS",
        "NGN" => "NGN",
        "ZAR" => "ZAR",
        "MYR" => "MYR",
        "AED" => "AED",
        "SAR" => "SAR",
        "UAH" => "UAH",
        "PLN" => "PLN",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "BRL" => "BRL",
        "MXN" => "MXN",
        "TWD" => "TWD",
        "PKR" => "PKR",
        "BDT" => "BDT",
        "EGP" => "EGP",
        "KES" => "KES",
        "THB" => "THB",
        "IDR" => "IDR",
        "PHP" => "PHP",
        "VND" => "VND",
        "CZK" => "CZK",
        "HUF" => "HUF",
        "QAR" => "QAR",
        "KWD" => "KWD",
        "TRY" => "TRY",
        "ITL" => "ITL",
        _ => return None,
    })
}

/// Lower-cased ISO codes (and unambiguous currency words) to their code. Codes that are also
/// English words ("try", "all", "top") are left out: "lira" still names the Turkish lira.
pub fn currency_code(w: &str) -> Option<&'static str> {
    CURRENCY_WORDS
        .iter()
        .find(|(spellings, _)| spellings.contains(&w))
        .map(|(_, id)| *id)
}

/// Currency spellings by ISO code.
pub const CURRENCY_WORDS: &[(&[&str], &str)] = &[
    (&["gbp", "sterling"], "GBP"),
    (&["usd", "dollar", "dollars"], "USD"),
    (&["eur", "euro", "euros"], "EUR"),
    (&["jpy", "yen"], "JPY"),
    (&["inr", "rupee", "rupees"], "INR"),
    (&["irr", "rial", "rials"], "IRR"),
    (&["afn", "afghani", "afghanis"], "AFN"),
    (&["rub", "rouble", "roubles", "ruble", "rubles"], "RUB"),
    (&["cny", "yuan", "rmb", "renminbi"], "CNY"),
    (&["chf", "franc", "francs"], "CHF"),
    (&["cad"], "CAD"),
    (&["aud"], "AUD"),
    (&["nzd"], "NZD"),
    (&["hkd"], "HKD"),
    (&["sgd"], "SGD"),
    (&["krw"], "KRW"),
    (&["ils", "shekel", "shekels"], "ILS"),
    (&["ngn", "naira"], "NGN"),
    (&["zar", "rand"], "ZAR"),
    (&["myr", "ringgit"], "MYR"),
    (&["aed", "dirham", "dirhams"], "AED"),
    (&["sar", "riyal", "riyals"], "SAR"),
    (&["uah", "hryvnia", "hryvnias"], "UAH"),
    (&["pln", "zloty", "zlotys"], "PLN"),
    (&["sek"], "SEK"),
    (&["nok"], "NOK"),
    (&["dkk"], "DKK"),
    (&["brl", "reais"], "BRL"),
    (&["mxn"], "MXN"),
    (&["twd"], "TWD"),
    (&["pkr"], "PKR"),
    (&["bdt", "taka"], "BDT"),
    (&["egp"], "EGP"),
    (&["kes"], "KES"),
    (&["thb", "baht"], "THB"),
    (&["idr", "rupiah"], "IDR"),
    (&["vnd", "dong"], "VND"),
    (&["czk", "koruna"], "CZK"),
    (&["huf", "forint", "forints"], "HUF"),
    (&["won"], "KRW"),
    (&["qar"], "QAR"),
    (&["kwd"], "KWD"),
    (&["lira", "liras"], "TRY"),
    // The Italian lira's plural; the Turkish lira's is "lira".
    (&["lire"], "ITL"),
    (&["rs"], "INR"),
    (&["rm"], "MYR"),
];

/// Nouns that name what a count counts, which a figure may carry without changing its
/// meaning ("90 people", "25,000 Afghan applicants" is not one: "applicants" is, "Afghan" is
/// not a count noun and makes the value unreadable).
pub fn count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "person"
            | "individuals"
            | "civilians"
            | "residents"
            | "inhabitants"
            | "citizens"
            | "soldiers"
            | "troops"
            | "fighters"
            | "militants"
            | "officers"
            | "police"
            | "policemen"
            | "children"
            | "kids"
            | "adults"
            | "women"
            | "men"
            | "victims"
            | "casualties"
            | "fatalities"
            | "deaths"
            | "dead"
            | "bodies"
            | "refugees"
            | "migrants"
            | "asylum"
            | "seekers"
            | "families"
            | "households"
            | "homes"
            | "houses"
            | "buildings"
            | "workers"
            | "employees"
            | "staff"
            | "members"
            | "students"
            | "pupils"
            | "patients"
            | "cases"
            | "infections"
            | "applicants"
            | "officials"
            | "prisoners"
            | "detainees"
            | "hostages"
            | "protesters"
            | "demonstrators"
            | "voters"
            | "votes"
            | "seats"
            | "passengers"
            | "visitors"
            | "tourists"
            | "spectators"
            | "attendees"
            | "participants"
            | "users"
            | "customers"
            | "names"
            | "records"
            | "files"
            | "documents"
            | "vehicles"
            | "cars"
            | "aircraft"
            | "planes"
            | "ships"
            | "boats"
            | "drones"
            | "missiles"
            | "rockets"
            | "shells"
            | "bombs"
            | "explosions"
            | "blasts"
            | "attacks"
            | "strikes"
            | "incidents"
            | "arrests"
            | "jobs"
            | "units"
            | "doses"
            | "tests"
            | "times"
    )
}

/// Participles that may follow a count noun: "90 people killed", "12 injured".
pub fn count_participle(w: &str) -> bool {
    matches!(
        w,
        "killed"
            | "dead"
            | "died"
            | "injured"
            | "wounded"
            | "hurt"
            | "missing"
            | "displaced"
            | "evacuated"
            | "arrested"
            | "detained"
            | "rescued"
            | "affected"
            | "infected"
            | "hospitalised"
            | "hospitalized"
            | "named"
            | "exposed"
            | "employed"
            | "sacked"
            | "released"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(spelling: &str) -> Unit {
        unit(unit_id(spelling).unwrap_or("?")).unwrap_or_else(|| panic!("{spelling}"))
    }

    #[test]
    fn every_dimension_has_one_canonical_unit() {
        assert_eq!(conv("miles").canonical, "km");
        assert_eq!(conv("acres").canonical, "km²");
        assert_eq!(conv("gallons").canonical, "litre");
        assert_eq!(conv("tonnes").canonical, "kg");
        assert_eq!(conv("mph").canonical, "km/h");
        assert_eq!(conv("fahrenheit").canonical, "°C");
        assert_eq!(conv("fortnights").canonical, "day");
        assert_eq!(conv("percent").canonical, "%");
    }

    #[test]
    fn conversions_hold_known_equalities() {
        let f = conv("fahrenheit");
        assert!((212.0 * f.factor + f.offset - 100.0).abs() < 1e-9);
        assert!((32.0 * f.factor + f.offset).abs() < 1e-9);
        let sq_mile = power_of(conv("miles"), 2).unwrap();
        assert!((sq_mile.factor - 2.589_988).abs() < 1e-5);
        let m3 = power_of(conv("metres"), 3).unwrap();
        assert!((m3.factor - 1000.0).abs() < 1e-6);
        let ms = speed_of(conv("metres"), conv("seconds")).unwrap();
        assert!((ms.factor - 3.6).abs() < 1e-9);
        assert_eq!(Dim::of_property_unit("km"), Some(Dim::Length));
        assert_eq!(Dim::of_property_unit("kg"), Some(Dim::Mass));
        assert_eq!(Dim::of_property_unit("people"), None);
    }
}
