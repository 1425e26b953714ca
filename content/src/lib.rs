//! The kiosk's content: service catalogue, request forms, digital-skills modules and community
//! surveys. Content is data, not code: TOML files (see `content/README.md`) parsed and checked
//! here, localised per locale with fallback to the bundle's default language.
//!
//! This crate reads files only in [`Bundle::load_dir`]; everything else is pure.

mod load;
mod localised;
pub mod model;
mod validate;

use std::path::Path;

pub use localised::{Localised, Shown};
pub use model::*;
pub use validate::{ICONS, PICTURES};

mod sample_files {
    include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));
}

pub use sample_files::KIOSK_LOCALES;

/// Why a bundle cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// Files that do not parse, each with its position.
    #[error("the content does not parse:\n  {}", .0.join("\n  "))]
    Parse(Vec<String>),
    /// Files that parse but contradict each other or miss texts.
    #[error("the content is not consistent:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
    /// The files could not be read.
    #[error("cannot read the content: {0}")]
    Io(String),
}

/// A complete, checked content bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Which bundle and version.
    pub info: BundleInfo,
    /// Service categories, in display order.
    pub categories: Vec<Category>,
    /// Every service.
    pub services: Vec<Service>,
    /// Every request form.
    pub forms: Vec<RequestForm>,
    /// Every skills module.
    pub modules: Vec<Module>,
    /// Every survey.
    pub surveys: Vec<Survey>,
}

impl Bundle {
    /// Parses and checks a bundle from (path inside the bundle, TOML text) pairs.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Bundle, ContentError> {
        Bundle::checked(load::from_files(files)?)
    }

    /// Reads and checks the bundle in a directory.
    pub fn load_dir(dir: &Path) -> Result<Bundle, ContentError> {
        Bundle::checked(load::from_dir(dir)?)
    }

    /// A parsed bundle once it passes every check, with modules in their numbered order.
    fn checked(mut bundle: Bundle) -> Result<Bundle, ContentError> {
        let problems = validate::problems(&bundle);
        if !problems.is_empty() {
            return Err(ContentError::Invalid(problems));
        }
        bundle.modules.sort_by_key(|module| module.number);
        Ok(bundle)
    }

    /// The sample bundle every kiosk carries, for running with no server.
    pub fn sample() -> Result<Bundle, ContentError> {
        Bundle::from_files(sample_files::SAMPLE_FILES.iter().copied())
    }

    /// The default (fallback) locale.
    pub fn default_locale(&self) -> &str {
        &self.info.default_locale
    }

    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|service| service.id == id)
    }

    /// The services of a category, in file-name order.
    pub fn services_in<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Service> + 'a {
        self.services
            .iter()
            .filter(move |service| service.category == category)
    }

    /// The request form with this id.
    pub fn form(&self, id: &str) -> Option<&RequestForm> {
        self.forms.iter().find(|form| form.id == id)
    }

    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|module| module.id == id)
    }

    /// The survey open on `date` (`YYYY-MM-DD`), the latest-opened if several.
    pub fn current_survey(&self, date: &str) -> Option<&Survey> {
        self.surveys
            .iter()
            .filter(|survey| survey.opens.as_str() <= date && date <= survey.closes.as_str())
            .max_by(|a, b| a.opens.cmp(&b.opens))
    }
}
