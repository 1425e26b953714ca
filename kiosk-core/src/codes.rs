//! Codes residents read from a screen or a ticket and may type back: request reference
//! numbers and learner codes. Letters and digits that cannot be confused (no 0/O, 1/I/L, 5/S,
//! 8/B, U/V), case and dashes ignored when typed.

use std::fmt;
use std::str::FromStr;

use rand::Rng as _;

/// The characters codes are made of.
pub const ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTWXYZ2345679";

fn random_chars(count: usize) -> Vec<u8> {
    let mut rng = rand::rng();
    (0..count)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())])
        .collect()
}

/// Upper case, without dashes and spaces (as the server compares references too).
fn normalise(typed: &str) -> String {
    wire::plain_reference(typed)
}

/// Weights for the check character: odd and never 13, so each is coprime with 26 and any
/// single wrong character changes the sum.
const WEIGHTS: [usize; 8] = [1, 3, 5, 7, 9, 11, 15, 17];

/// A weighted-sum check character (mod 26). It catches every single wrong character, and every
/// swap of two neighbouring code characters except those 13 places apart in [`ALPHABET`]
/// (1 swap in 25); a swap with the check character itself is caught 25 times in 26.
fn check_char(chars: &[u8]) -> u8 {
    let sum: usize = chars
        .iter()
        .zip(WEIGHTS.iter().cycle())
        .filter_map(|(c, weight)| {
            ALPHABET
                .iter()
                .position(|a| a == c)
                .map(|value| value * weight)
        })
        .sum();
    ALPHABET[sum % ALPHABET.len()]
}

/// A request's reference number, e.g. `K7PQ-M3XZ-R9TA`: eleven random characters from
/// [`ALPHABET`] (26^11 ≈ 3.7 × 10^15, 51.7 bits, so guessing one is pointless and a fleet can
/// issue millions without two alike) and a check character, so a reference typed wrong by one
/// character is refused before anything is looked up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(String);

/// A reference that was mistyped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this is not a reference number: check each character")]
pub struct BadReference;

/// How many random characters a reference has (before its check character).
const REFERENCE_RANDOM: usize = 11;

impl Reference {
    /// A new random reference.
    pub fn new() -> Reference {
        let mut chars = random_chars(REFERENCE_RANDOM);
        chars.push(check_char(&chars));
        Reference(String::from_utf8_lossy(&chars).into_owned())
    }
}

impl FromStr for Reference {
    type Err = BadReference;

    fn from_str(typed: &str) -> Result<Self, Self::Err> {
        let chars = normalise(typed).into_bytes();
        let well_formed = chars.len() == REFERENCE_RANDOM + 1
            && chars.iter().all(|c| ALPHABET.contains(c))
            && check_char(&chars[..REFERENCE_RANDOM]) == chars[REFERENCE_RANDOM];
        if !well_formed {
            return Err(BadReference);
        }
        Ok(Reference(String::from_utf8_lossy(&chars).into_owned()))
    }
}

impl Default for Reference {
    fn default() -> Self {
        Reference::new()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }
}

/// A learner code, e.g. `K7P-QM3-XZA`: eight random characters and a check character, so a
/// mistyped code is refused rather than opening someone else's progress. It opens a
/// learner's progress, so `Debug` does not show it (`Display` does, for the screen and card).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LearnerCode(String);

impl fmt::Debug for LearnerCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LearnerCode(hidden)")
    }
}

/// A learner code that was mistyped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this is not a learner code: check each character")]
pub struct BadLearnerCode;

impl LearnerCode {
    /// A new random learner code.
    pub fn new() -> LearnerCode {
        let mut chars = random_chars(8);
        chars.push(check_char(&chars));
        LearnerCode(String::from_utf8_lossy(&chars).into_owned())
    }

    /// The code without dashes, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for LearnerCode {
    fn default() -> Self {
        LearnerCode::new()
    }
}

impl FromStr for LearnerCode {
    type Err = BadLearnerCode;

    fn from_str(typed: &str) -> Result<Self, Self::Err> {
        let code = normalise(typed);
        let bytes = code.as_bytes();
        if bytes.len() != 9
            || !bytes.iter().all(|b| ALPHABET.contains(b))
            || check_char(&bytes[..8]) != bytes[8]
        {
            return Err(BadLearnerCode);
        }
        Ok(LearnerCode(code))
    }
}

impl fmt::Display for LearnerCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_grouped_and_distinct() {
        let reference = Reference::new().to_string();
        assert_eq!(reference.len(), 14, "{reference}");
        assert_ne!(Reference::new(), Reference::new());
    }

    #[test]
    fn a_reference_typed_wrong_by_one_character_is_refused() -> Result<(), BadReference> {
        let reference = Reference::new();
        let shown = reference.to_string();
        assert_eq!(shown.parse::<Reference>()?, reference);
        assert_eq!(
            shown
                .to_lowercase()
                .replace('-', " ")
                .parse::<Reference>()?,
            reference
        );
        let chars: Vec<u8> = shown.bytes().filter(|c| *c != b'-').collect();
        for i in 0..chars.len() {
            for replacement in ALPHABET.iter().filter(|c| **c != chars[i]) {
                let mut typo = chars.clone();
                typo[i] = *replacement;
                assert_eq!(
                    String::from_utf8_lossy(&typo).parse::<Reference>(),
                    Err(BadReference)
                );
            }
        }
        assert_eq!(
            "K7PQ-M3XZ-R9".parse::<Reference>(),
            Err(BadReference),
            "too short"
        );
        Ok(())
    }

    #[test]
    fn learner_codes_round_trip_however_typed() -> Result<(), BadLearnerCode> {
        let code = LearnerCode::new();
        let shown = code.to_string();
        assert_eq!(shown.len(), 11, "{shown}");
        assert_eq!(shown.parse::<LearnerCode>()?, code);
        assert_eq!(
            shown
                .to_lowercase()
                .replace('-', " ")
                .parse::<LearnerCode>()?,
            code
        );
        Ok(())
    }

    #[test]
    fn a_wrong_or_swapped_character_is_caught() {
        let code = LearnerCode::new();
        let chars: Vec<u8> = code.as_str().bytes().collect();
        for i in 0..chars.len() {
            for replacement in ALPHABET.iter().filter(|c| **c != chars[i]) {
                let mut typo = chars.clone();
                typo[i] = *replacement;
                assert!(
                    String::from_utf8_lossy(&typo)
                        .parse::<LearnerCode>()
                        .is_err(),
                    "{typo:?}"
                );
            }
        }
        let position = |c: u8| ALPHABET.iter().position(|a| *a == c).unwrap_or(0);
        for i in 0..chars.len() - 2 {
            let distance = position(chars[i]).abs_diff(position(chars[i + 1]));
            if chars[i] != chars[i + 1] && distance != 13 {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                assert!(
                    String::from_utf8_lossy(&swapped)
                        .parse::<LearnerCode>()
                        .is_err(),
                    "{swapped:?}"
                );
            }
        }
        assert!("K7P-QM3".parse::<LearnerCode>().is_err());
        assert!("O0O-O0O-O0O".parse::<LearnerCode>().is_err());
    }
}
