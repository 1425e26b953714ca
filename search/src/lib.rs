//! Search over a content bundle's service catalogue, for the kiosk's "City services" search box:
//! case- and diacritic-insensitive, Arabic-aware, finds words inside Chinese and Japanese text
//! (written without spaces), forgives a typo, and ranks a service higher when the words are in
//! its name and when it matches more of them.
//!
//! ```
//! # let bundle = content::Bundle::sample().unwrap();
//! let index = search::SearchIndex::build(&bundle, "es");
//! let hits = index.search("carné de biblioteca", 5);
//! assert_eq!(hits[0].service_id, "library-card");
//! ```

mod fuzzy;
mod index;
mod normalise;
mod tokens;

pub use index::{Hit, SearchIndex};
pub use normalise::normalise;
