//! Splits text into tokens the value parsers understand.
//!
//! Known words are mapped to one canonical spelling here ("kms", "kilometres" -> `km`;
//! "approx." -> `approximately`; "Jan." -> `january`), so the parsers match on a small
//! vocabulary. Unknown words are kept as [`Tok::Word`] with `None`.

/// One token with its byte span in the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    /// Whether whitespace separates this token from the previous one ("7bn" vs "7 bn").
    pub spaced: bool,
    /// Whether the token starts with a capital letter ("May" the month, "may" the verb).
    pub capital: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tok {
    /// Digits: value, the unit of the last significant digit, digit count before any
    /// decimal point, and an ordinal suffix ("3rd").
    Num {
        value: f64,
        ulp: f64,
        int_digits: u8,
        grouped: bool,
        ordinal: bool,
    },
    /// A word, with its canonical spelling when it is one the parsers know.
    Word(Option<&'static str>),
    /// A currency symbol, as its ISO code.
    Currency(&'static str),
    /// Any dash or hyphen.
    Dash,
    Punct(u8),
}

impl Token {
    pub fn word(&self) -> Option<&'static str> {
        match self.tok {
            Tok::Word(w) => w,
            _ => None,
        }
    }
    pub fn is(&self, w: &str) -> bool {
        self.word() == Some(w)
    }
    pub fn is_punct(&self, c: u8) -> bool {
        self.tok == Tok::Punct(c)
    }
}

/// Every word the parsers know, by its canonical spelling. Units and currencies come from
/// the registry (`units`).
const WORDS: &[(&[&str], &str)] = &[
    // number words
    (&["zero", "nil"], "zero"),
    (&["no", "none"], "no"),
    (&["one"], "one"),
    (&["two"], "two"),
    (&["three"], "three"),
    (&["four"], "four"),
    (&["five"], "five"),
    (&["six"], "six"),
    (&["seven"], "seven"),
    (&["eight"], "eight"),
    (&["nine"], "nine"),
    (&["ten"], "ten"),
    (&["eleven"], "eleven"),
    (&["twelve"], "twelve"),
    (&["thirteen"], "thirteen"),
    (&["fourteen"], "fourteen"),
    (&["fifteen"], "fifteen"),
    (&["sixteen"], "sixteen"),
    (&["seventeen"], "seventeen"),
    (&["eighteen"], "eighteen"),
    (&["nineteen"], "nineteen"),
    (&["twenty"], "twenty"),
    (&["thirty"], "thirty"),
    (&["forty", "fourty"], "forty"),
    (&["fifty"], "fifty"),
    (&["sixty"], "sixty"),
    (&["seventy"], "seventy"),
    (&["eighty"], "eighty"),
    (&["ninety"], "ninety"),
    (&["hundred"], "hundred"),
    (&["thousand"], "thousand"),
    (&["million", "mn", "mln", "mil"], "million"),
    (&["billion", "bn", "bln"], "billion"),
    (&["trillion", "tn", "trn"], "trillion"),
    (&["k"], "k"),
    (&["m"], "m"),
    (&["b"], "b"),
    (&["dozen"], "dozen"),
    (&["score"], "score"),
    (&["half"], "half"),
    (&["third"], "third"),
    (&["thirds"], "thirds"),
    (&["quarter"], "quarter"),
    (&["quarters"], "quarters"),
    (&["a"], "a"),
    (&["an"], "an"),
    (&["and"], "and"),
    (&["or"], "or"),
    (&["of"], "of"),
    (&["to"], "to"),
    (&["the"], "the"),
    (&["in"], "in"),
    (&["on"], "on"),
    (&["by"], "by"),
    (&["than"], "than"),
    (&["as"], "as"),
    (&["few"], "few"),
    (&["couple"], "couple"),
    (&["handful"], "handful"),
    (&["several"], "several"),
    (&["many"], "many"),
    (&["dozens"], "dozens"),
    (&["scores"], "scores"),
    (&["tens"], "tens"),
    (&["hundreds"], "hundreds"),
    (&["thousands"], "thousands"),
    (&["millions"], "millions"),
    (&["billions"], "billions"),
    (&["trillions"], "trillions"),
    // ordinals
    (&["first"], "first"),
    (&["second"], "second"),
    (&["fourth"], "fourth"),
    (&["fifth"], "fifth"),
    (&["sixth"], "sixth"),
    (&["seventh"], "seventh"),
    (&["eighth"], "eighth"),
    (&["ninth"], "ninth"),
    (&["tenth"], "tenth"),
    (&["eleventh"], "eleventh"),
    (&["twelfth"], "twelfth"),
    (&["thirteenth"], "thirteenth"),
    (&["fourteenth"], "fourteenth"),
    (&["fifteenth"], "fifteenth"),
    (&["twentieth"], "twentieth"),
    (&["thirtieth"], "thirtieth"),
    (&["hundredth"], "hundredth"),
    (&["st", "nd", "rd", "th"], "ordinal-suffix"),
    // hedges
    (
        &["approximately", "approx", "approximate", "circa", "ca", "c"],
        "approximately",
    ),
    (&["f"], "f"),
    (&["metric"], "metric"),
    (&["old"], "old"),
    (&["about"], "about"),
    (&["around"], "around"),
    (&["some"], "some"),
    (&["roughly"], "roughly"),
    (&["estimated", "est"], "estimated"),
    (&["over"], "over"),
    (&["more"], "more"),
    (&["upwards", "upward"], "upwards"),
    (&["above"], "above"),
    (&["exceeding"], "exceeding"),
    (&["excess"], "excess"),
    (&["plus"], "plus"),
    (&["at"], "at"),
    (&["least"], "least"),
    (&["most"], "most"),
    (&["minimum"], "minimum"),
    (&["maximum"], "maximum"),
    (&["under"], "under"),
    (&["less"], "less"),
    (&["fewer"], "fewer"),
    (&["below"], "below"),
    (&["up"], "up"),
    (&["nearly"], "nearly"),
    (&["almost"], "almost"),
    (&["just"], "just"),
    (&["close"], "close"),
    (&["approaching"], "approaching"),
    (&["slightly"], "slightly"),
    (&["little"], "little"),
    (&["between"], "between"),
    (&["from"], "from"),
    (&["some-"], "some"),
    // units (see `units::unit_id`) that are also other words
    (&["long"], "long"),
    (&["per"], "per"),
    (&["cent", "cents"], "cent"),
    (&["pence", "p"], "pence"),
    (&["pound", "pounds"], "pound"),
    (&["quid"], "quid"),
    (&["bucks"], "bucks"),
    (&["grand"], "grand"),
    (&["crore", "crores", "cr"], "crore"),
    (&["lakh", "lakhs", "lac", "lacs"], "lakh"),
    (&["us"], "us"),
    (&["h"], "h"),
    (&["am"], "am"),
    (&["pm"], "pm"),
    (&["minus", "negative"], "minus"),
    (&["but"], "but"),
    (&["nor"], "nor"),
    (&["will"], "will"),
    (&["could"], "could"),
    (&["would"], "would"),
    (
        &[
            "exceeded",
            "exceeds",
            "exceed",
            "topped",
            "tops",
            "top",
            "surpassed",
            "surpasses",
            "surpass",
            "passed",
            "outnumbered",
        ],
        "exceeded",
    ),
    (
        &[
            "reached", "reaches", "reach", "hit", "hits", "totalled", "totaled", "totals", "total",
            "numbered", "stood", "stands",
        ],
        "reached",
    ),
    (
        &[
            "rose",
            "risen",
            "rises",
            "rising",
            "climbed",
            "climbs",
            "jumped",
            "jumps",
            "increased",
            "increases",
            "grew",
            "grown",
            "soared",
            "fell",
            "fallen",
            "falls",
            "falling",
            "dropped",
            "drops",
            "declined",
            "declines",
            "decreased",
            "decreases",
            "plunged",
            "sank",
            "shrank",
            "dipped",
        ],
        "moved",
    ),
    // A threshold crossed: a bound only before a figure that ends the phrase ("cross 100"),
    // not before what is crossed ("crossed 3 rivers").
    (&["cross", "crosses", "crossed", "crossing"], "crossed"),
    (&["higher"], "higher"),
    // Countries' adjectives, which name a currency with its word ("Canadian dollars").
    (&["american"], "american"),
    (&["canadian"], "canadian"),
    (&["australian"], "australian"),
    (&["singapore", "singaporean"], "singapore"),
    (&["taiwan", "taiwanese"], "taiwan"),
    (&["british"], "british"),
    (&["egyptian"], "egyptian"),
    (&["swiss"], "swiss"),
    (&["indian"], "indian"),
    (&["pakistani"], "pakistani"),
    (&["japanese"], "japanese"),
    (&["chinese"], "chinese"),
    (&["russian"], "russian"),
    (&["turkish"], "turkish"),
    (&["lower"], "lower"),
    (
        &["tall", "high", "wide", "deep", "thick", "away", "across"],
        "extent",
    ),
    (&["fifths"], "fifths"),
    (&["sixths"], "sixths"),
    (&["sevenths"], "sevenths"),
    (&["eighths"], "eighths"),
    (&["ninths"], "ninths"),
    (&["tenths"], "tenths"),
    (&["hundredths"], "hundredths"),
    (&["thousandth"], "thousandth"),
    (&["thousandths"], "thousandths"),
    (&["halves"], "halves"),
    (&["fourths"], "fourths"),
    (&["out"], "out"),
    (&["starting", "effective", "commencing"], "starting"),
    (&["through", "thru"], "through"),
    (&["every"], "every"),
    (&["quarterly"], "quarterly"),
    (&["fiscal", "financial"], "fiscal"),
    (&["fy"], "fy"),
    (&["final", "closing"], "final"),
    (&["again"], "again"),
    (&["following", "subsequent"], "following"),
    (&["same"], "same"),
    (&["within"], "within"),
    (&["near"], "near"),
    // months
    (&["january", "jan"], "january"),
    (&["february", "feb"], "february"),
    (&["march", "mar"], "march"),
    (&["april", "apr"], "april"),
    (&["may"], "may"),
    (&["june", "jun"], "june"),
    (&["july", "jul"], "july"),
    (&["august", "aug"], "august"),
    (&["september", "sep", "sept"], "september"),
    (&["october", "oct"], "october"),
    (&["november", "nov"], "november"),
    (&["december", "dec"], "december"),
    // weekdays
    (&["monday", "mon"], "monday"),
    (&["tuesday", "tue", "tues"], "tuesday"),
    (&["wednesday", "wed"], "wednesday"),
    (&["thursday", "thu", "thurs"], "thursday"),
    (&["friday", "fri"], "friday"),
    (&["saturday", "sat"], "saturday"),
    (&["sunday", "sun"], "sunday"),
    // relative dates
    (&["last", "past", "previous"], "last"),
    (&["this", "current"], "this"),
    (&["next", "coming"], "next"),
    (&["ago"], "ago"),
    (&["earlier"], "earlier"),
    (&["later"], "later"),
    (&["yesterday"], "yesterday"),
    (&["today"], "today"),
    (&["tomorrow"], "tomorrow"),
    (&["early"], "early"),
    (&["mid", "middle"], "mid"),
    (&["late"], "late"),
    (&["end"], "end"),
    (&["beginning", "start"], "beginning"),
    (&["since"], "since"),
    (&["before"], "before"),
    (&["after"], "after"),
    (&["until", "till"], "until"),
    (&["q"], "q"),
    (&["s"], "s"),
    (&["so"], "so"),
    (&["greater"], "greater"),
    (&["short"], "short"),
    (&["much"], "much"),
];

type WordMap = rustc_hash::FxHashMap<&'static str, &'static str>;

/// The lexer looks up every word: one hash lookup instead of a chain of `match`es.
fn word_map() -> &'static WordMap {
    static MAP: std::sync::OnceLock<WordMap> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = WordMap::default();
        let tables = [
            WORDS,
            super::units::UNIT_WORDS,
            super::units::CURRENCY_WORDS,
        ];
        for table in tables {
            for (spellings, id) in table {
                for s in *spellings {
                    // The first table to name a spelling wins: "second" is the ordinal word
                    // here, and the parser reads it as a unit after a figure.
                    m.entry(*s).or_insert(*id);
                }
            }
        }
        m
    })
}

/// Maps a lower-cased word to its canonical spelling, if the parsers use it.
pub fn canonical(w: &str) -> Option<&'static str> {
    word_map().get(w).copied()
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '£' => "GBP",
        '$' => "USD",
        '€' => "EUR",
        '¥' => "JPY",
        '₹' => "INR",
        '₽' => "RUB",
        _ => return None,
    })
}

/// Unicode fraction glyphs: "½", "¾".
fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

/// Symbols the parsers read as words.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '≥' => "≥",
        '≤' => "≤",
        '°' | '℃' | '℉' => "°",
        '²' => "²",
        '³' => "³",
        _ => return None,
    })
}

/// The country letters of a dollar: "C$" Canadian, "NZ$" New Zealand.
fn dollar_prefix(word: &str) -> Option<&'static str> {
    let mut buf = [0u8; 4];
    if word.len() > 4 || !word.is_ascii() {
        return None;
    }
    for (k, b) in word.bytes().enumerate() {
        buf[k] = b.to_ascii_uppercase();
    }
    Some(match &buf[..word.len()] {
        b"US" | b"U.S" => "USD",
        b"C" | b"CA" | b"CAN" => "CAD",
        b"A" | b"AU" | b"AUD" => "AUD",
        b"NZ" => "NZD",
        b"HK" => "HKD",
        b"S" | b"SG" => "SGD",
        b"R" => "BRL",
        b"NT" => "TWD",
        b"MX" => "MXN",
        _ => return None,
    })
}

/// Currency codes and abbreviations that may be glued to their amount: "USD12.50", "Rs12".
fn glued_currency(word: &str) -> Option<&'static str> {
    if word.len() > 3 || !word.is_ascii() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "rs" => Some("INR"),
        "rm" => Some("MYR"),
        _ if word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase()) => {
            super::units::currency_code(&lower)
        }
        _ => None,
    }
}

/// Largest power of ten that divides an integer written with `digits` (its last
/// significant digit's unit): 25000 -> 1000, 6900 -> 100, 130 -> 10, 17 -> 1.
fn integer_ulp(digits: &[u8]) -> f64 {
    let zeros = digits.iter().rev().take_while(|&&d| d == b'0').count();
    if zeros == digits.len() {
        return 1.0;
    }
    10f64.powi(i32::try_from(zeros).unwrap_or(0))
}

/// Tokenizes `text`. Never fails: unknown characters become punctuation or words.
pub fn lex(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    let mut spaced = true;
    let mut digits: Vec<u8> = Vec::with_capacity(24);
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let start = i;
        // ".5": a decimal written without its leading zero, where no word or figure is
        // glued before the point.
        let bare_point = b == b'.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'));
        if b.is_ascii_digit() || bare_point {
            // Digits, optional ",ddd" groups, optional ".d+" decimals.
            digits.clear();
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                digits.push(bytes[j]);
                j += 1;
            }
            let mut grouped = false;
            if digits.len() <= 3 {
                while j + 3 < bytes.len()
                    && bytes[j] == b','
                    && bytes[j + 1..=j + 3].iter().all(u8::is_ascii_digit)
                    && bytes.get(j + 4).is_none_or(|c| !c.is_ascii_digit())
                {
                    digits.extend_from_slice(&bytes[j + 1..=j + 3]);
                    j += 4;
                    grouped = true;
                }
            }
            // Indian grouping: "12,00,000" (twelve lakh), "1,20,00,000".
            if !grouped && digits.len() <= 2 {
                let pair = |k: usize| {
                    k + 2 < bytes.len()
                        && bytes[k] == b','
                        && bytes[k + 1..=k + 2].iter().all(u8::is_ascii_digit)
                        && bytes.get(k + 3).is_some_and(|c| !c.is_ascii_digit())
                };
                let mut k = j;
                let mut pairs = 0;
                while pair(k) {
                    k += 3;
                    pairs += 1;
                }
                if pairs > 0
                    && k + 3 < bytes.len()
                    && bytes[k] == b','
                    && bytes[k + 1..=k + 3].iter().all(u8::is_ascii_digit)
                    && bytes.get(k + 4).is_none_or(|c| !c.is_ascii_digit())
                {
                    let mut m = j;
                    while m < k + 4 {
                        if bytes[m].is_ascii_digit() {
                            digits.push(bytes[m]);
                        }
                        m += 1;
                    }
                    j = k + 4;
                    grouped = true;
                }
            }
            // "300 000", "1 000 000" (also with no-break or thin spaces): groups of exactly
            // three digits after a first group of at most three, when no digit precedes.
            if !grouped
                && digits.len() <= 3
                && !matches!(
                    out.last(),
                    Some(Token {
                        tok: Tok::Num { .. },
                        ..
                    })
                )
            {
                let group = |k: usize| -> Option<usize> {
                    let sep = match bytes.get(k)? {
                        b' ' => 1,
                        0xC2 if bytes.get(k + 1) == Some(&0xA0) => 2,
                        0xE2 if bytes.get(k + 1) == Some(&0x80)
                            && matches!(bytes.get(k + 2), Some(&0x89 | &0xAF)) =>
                        {
                            3
                        }
                        _ => return None,
                    };
                    let d = k + sep;
                    (d + 2 < bytes.len()
                        && bytes[d..d + 3].iter().all(u8::is_ascii_digit)
                        && bytes.get(d + 3).is_none_or(|c| !c.is_ascii_alphanumeric()))
                    .then_some(d)
                };
                while let Some(d) = group(j) {
                    digits.extend_from_slice(&bytes[d..d + 3]);
                    j = d + 3;
                    grouped = true;
                }
            }
            // "1'000'000": the Swiss grouping, an apostrophe before each group of three.
            if !grouped && digits.len() <= 3 {
                let quote_group = |k: usize| {
                    k + 3 < bytes.len()
                        && bytes[k] == b'\''
                        && bytes[k + 1..=k + 3].iter().all(u8::is_ascii_digit)
                        && bytes.get(k + 4).is_none_or(|c| !c.is_ascii_digit())
                };
                if quote_group(j) {
                    while quote_group(j) {
                        digits.extend_from_slice(&bytes[j + 1..=j + 3]);
                        j += 4;
                    }
                    grouped = true;
                }
            }
            // "1.000.000": two or more dot-separated groups of three are thousands separators
            // (a single ".000" stays a decimal point, as English writes it).
            if !grouped && digits.len() <= 3 {
                let dot_group = |k: usize| {
                    k + 3 < bytes.len()
                        && bytes[k] == b'.'
                        && bytes[k + 1..=k + 3].iter().all(u8::is_ascii_digit)
                        && bytes.get(k + 4).is_none_or(|c| !c.is_ascii_digit())
                };
                if dot_group(j) && dot_group(j + 4) {
                    while dot_group(j) {
                        digits.extend_from_slice(&bytes[j + 1..=j + 3]);
                        j += 4;
                    }
                    grouped = true;
                }
            }
            let int_digits = u8::try_from(digits.len()).unwrap_or(u8::MAX).max(1);
            let mut ulp = integer_ulp(&digits);
            let mut frac_digits = 0usize;
            let mut frac_value: u64 = 0;
            if j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    if frac_digits < 18 {
                        frac_value = frac_value * 10 + u64::from(bytes[j] - b'0');
                        frac_digits += 1;
                    }
                    j += 1;
                }
                ulp = 10f64.powi(-i32::try_from(frac_digits).unwrap_or(0));
            }
            // Exact for up to 18 digits: (int * 10^k + frac) / 10^k is one correctly rounded
            // division, so "1.15" is the double nearest 1.15. Longer numbers go through the
            // standard parser.
            let value: f64 = if digits.len() + frac_digits <= 18 {
                let int = digits
                    .iter()
                    .fold(0u64, |v, &d| v * 10 + u64::from(d - b'0'));
                let scale = 10u64.pow(u32::try_from(frac_digits).unwrap_or(0));
                (int * scale + frac_value) as f64 / scale as f64
            } else {
                let s: String = digits.iter().map(|&d| d as char).collect();
                s.parse().unwrap_or(f64::NAN)
            };
            // A fraction glyph glued to the digits: "2½".
            let mut value = value;
            if frac_digits == 0
                && let Some(ch) = text[j..].chars().next()
                && let Some(f) = vulgar_fraction(ch)
            {
                value += f;
                ulp = f;
                j += ch.len_utf8();
            }
            // Ordinal suffix glued to the digits: 3rd, 21st.
            let mut ordinal = false;
            if frac_digits == 0 && j + 1 < bytes.len() {
                let suf = [
                    bytes[j].to_ascii_lowercase(),
                    bytes[j + 1].to_ascii_lowercase(),
                ];
                let after = bytes.get(j + 2).is_none_or(|c| !c.is_ascii_alphanumeric());
                if after && matches!(&suf, b"st" | b"nd" | b"rd" | b"th") {
                    ordinal = true;
                    j += 2;
                }
            }
            // "120.000", "40.000": a point before three zeros is a thousands separator in much
            // of Europe and a pointless decimal in English: neither reading is safe.
            let ambiguous = frac_digits == 3 && frac_value == 0 && digits.len() <= 3 && !grouped;
            if value.is_finite() && !ambiguous {
                out.push(Token {
                    tok: Tok::Num {
                        value,
                        ulp,
                        int_digits,
                        grouped,
                        ordinal,
                    },
                    start,
                    end: j,
                    spaced,
                    capital: false,
                });
            } else {
                out.push(Token {
                    tok: Tok::Word(None),
                    start,
                    end: j,
                    spaced,
                    capital: false,
                });
            }
            i = j;
            spaced = false;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        if c.is_alphabetic() {
            let mut j = i;
            for ch in text[i..].chars() {
                // Apostrophes stay inside words ("Iran's"); periods end them.
                if ch.is_alphabetic() || ch == '\'' || ch == '\u{2019}' {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let word = &text[i..j];
            // "C$", "NZ$", "US$": a dollar named by its country.
            if bytes.get(j) == Some(&b'$')
                && let Some(code) = dollar_prefix(word)
            {
                out.push(Token {
                    tok: Tok::Currency(code),
                    start,
                    end: j + 1,
                    spaced,
                    capital: c.is_uppercase(),
                });
                i = j + 1;
                spaced = false;
                continue;
            }
            // "a.m.", "p.m.", "a.m", "p.m": one token, so the article "a" is not read.
            if word.len() == 1
                && matches!(bytes[i].to_ascii_lowercase(), b'a' | b'p')
                && bytes.get(j) == Some(&b'.')
                && bytes
                    .get(j + 1)
                    .is_some_and(|m| m.eq_ignore_ascii_case(&b'm'))
                && bytes.get(j + 2).is_none_or(|n| !n.is_ascii_alphanumeric())
            {
                let end = if bytes.get(j + 2) == Some(&b'.') {
                    j + 3
                } else {
                    j + 2
                };
                out.push(Token {
                    tok: Tok::Word(Some(if bytes[i].eq_ignore_ascii_case(&b'a') {
                        "am"
                    } else {
                        "pm"
                    })),
                    start,
                    end,
                    spaced,
                    capital: c.is_uppercase(),
                });
                i = end;
                spaced = false;
                continue;
            }
            // Letters glued to digits form a name ("MI6", "G7", "COVID19"), not a unit and a
            // number. The exceptions: "Q1" and "H1" (a quarter, a half), "FY2020" (a fiscal year), a currency code or
            // abbreviation before its amount ("USD12.50", "Rs12", "RM90"), and a unit of area or
            // volume ("km2", "m3").
            let glued_digit = bytes.get(j).is_some_and(u8::is_ascii_digit);
            let prefix_word = glued_digit
                && (word.eq_ignore_ascii_case("q")
                    || word.eq_ignore_ascii_case("h")
                    || word.eq_ignore_ascii_case("fy")
                    || glued_currency(word).is_some());
            let power = glued_digit
                && matches!(bytes[j], b'2' | b'3')
                && bytes.get(j + 1).is_none_or(|n| !n.is_ascii_alphanumeric())
                && super::units::is_length_word(&word.to_ascii_lowercase());
            if power {
                out.push(Token {
                    tok: Tok::Word(canonical(&word.to_ascii_lowercase())),
                    start,
                    end: j,
                    spaced,
                    capital: c.is_uppercase(),
                });
                out.push(Token {
                    tok: Tok::Word(Some(if bytes[j] == b'2' { "²" } else { "³" })),
                    start: j,
                    end: j + 1,
                    spaced: false,
                    capital: false,
                });
                i = j + 1;
                spaced = false;
                continue;
            }
            if prefix_word && let Some(code) = glued_currency(word) {
                out.push(Token {
                    tok: Tok::Currency(code),
                    start,
                    end: j,
                    spaced,
                    capital: c.is_uppercase(),
                });
                i = j;
                spaced = false;
                continue;
            }
            if glued_digit && !prefix_word {
                let mut k = j;
                while k < bytes.len() && bytes[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                out.push(Token {
                    tok: Tok::Word(None),
                    start,
                    end: k,
                    spaced,
                    capital: c.is_uppercase(),
                });
                i = k;
                spaced = false;
                continue;
            }
            let canon = if word.len() <= 16 && word.is_ascii() {
                let mut buf = [0u8; 16];
                for (k, &wb) in word.as_bytes().iter().enumerate() {
                    buf[k] = wb.to_ascii_lowercase();
                }
                std::str::from_utf8(&buf[..word.len()])
                    .ok()
                    .and_then(canonical)
            } else {
                None
            };
            let mut end = j;
            // Abbreviation periods belong to the word: "Jan.", "approx.", "est.".
            if canon.is_some() && bytes.get(j) == Some(&b'.') && word.len() <= 6 {
                let next_is_lower_or_digit = text[j + 1..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_digit() || n.is_lowercase());
                // A short word keeps its period ("Sept.", "est.") unless the period ends the
                // sentence ("in May.", "692 billion yen.").
                let ends_sentence = text[j + 1..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(char::is_uppercase);
                if next_is_lower_or_digit || (word.len() <= 4 && !ends_sentence) {
                    end = j + 1;
                }
            }
            out.push(Token {
                tok: Tok::Word(canon),
                start,
                end,
                spaced,
                capital: c.is_uppercase(),
            });
            i = end;
            spaced = end != j;
            continue;
        }
        if let Some(f) = vulgar_fraction(c) {
            out.push(Token {
                tok: Tok::Num {
                    value: f,
                    ulp: f,
                    int_digits: 0,
                    grouped: false,
                    ordinal: false,
                },
                start,
                end: i + clen,
                spaced,
                capital: false,
            });
            i += clen;
            spaced = false;
            continue;
        }
        let tok = if is_dash(c) {
            Tok::Dash
        } else if let Some(w) = symbol_word(c) {
            Tok::Word(Some(w))
        } else if let Some(code) = currency_symbol(c) {
            Tok::Currency(code)
        } else if c.is_ascii() {
            Tok::Punct(b)
        } else {
            Tok::Punct(b'?')
        };
        out.push(Token {
            tok,
            start,
            end: i + clen,
            spaced,
            capital: false,
        });
        i += clen;
        spaced = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(t: &Token) -> (f64, f64) {
        match t.tok {
            Tok::Num { value, ulp, .. } => (value, ulp),
            _ => panic!("not a number: {t:?}"),
        }
    }

    #[test]
    fn digits_with_separators_decimals_and_ordinals() {
        let t = lex("25,000 6,900 1.15 3rd 2022, 2023");
        assert_eq!(num(&t[0]), (25000.0, 1000.0));
        assert_eq!(num(&t[1]), (6900.0, 100.0));
        assert_eq!(num(&t[2]), (1.15, 0.01));
        assert!(matches!(t[3].tok, Tok::Num { ordinal: true, .. }));
        assert_eq!(num(&t[4]).0, 2022.0);
        assert!(t[5].is_punct(b','));
        assert_eq!(num(&t[6]).0, 2023.0);
    }

    #[test]
    fn glued_units_and_scales_split() {
        let t = lex("£7bn 850m 820kms");
        assert_eq!(t[0].tok, Tok::Currency("GBP"));
        assert_eq!(num(&t[1]).0, 7.0);
        assert!(t[2].is("billion") && !t[2].spaced);
        assert!(t[4].is("m"));
        assert!(t[6].is("km"));
    }

    #[test]
    fn abbreviations_keep_their_period() {
        let t = lex("Jan. 4, 2024");
        assert!(t[0].is("january"));
        assert_eq!(t[0].end, 4);
        assert_eq!(num(&t[1]).0, 4.0);
        // A full stop that ends the sentence is no abbreviation's.
        let t = lex("jobs in May. The rate");
        assert!(t[2].is("may"));
        assert_eq!(t[2].end, 11);
        assert!(t[3].is_punct(b'.'));
    }

    #[test]
    fn swiss_grouping_reads_apostrophes_between_thousands() {
        assert_eq!(num(&lex("1'000'000")[0]).0, 1e6);
        assert_eq!(num(&lex("12'500 francs")[0]).0, 12_500.0);
        // Feet and inches are no grouping.
        assert_eq!(num(&lex("5'10")[0]).0, 5.0);
    }

    #[test]
    fn letters_glued_to_digits_are_names() {
        let t = lex("over 100 MI6 spies");
        assert_eq!(t[2].tok, Tok::Word(None));
        assert_eq!(t[2].end, 12);
        assert!(lex("Q1")[0].is("q"));
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "…",
            "9".repeat(400).as_str(),
            "1,",
            "1.",
            ",,,",
            "\u{2013}5",
            "ﬁ 3ʳᵈ",
        ] {
            let _ = lex(s);
        }
    }
}
