//! The breakdown values every month has rows for, whatever residents did: the request topics,
//! modules and request forms of the content kiosks carry (the sample they ship with, and every
//! bundle published since). A row present only where someone used a value would say "at least
//! one" while its figure is hidden; with these lists a row's presence says nothing about what
//! residents did. (Features and languages are fixed lists in `compute`.)

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::compute::NeighbourhoodInput;
use super::counting::counter;
use crate::store::{Store, StoreError};

/// The setting that keeps the values of published bundles (JSON).
pub const SETTING: &str = "breakdown_domain";

/// Breakdown values by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    /// Topics of request forms (M5[topic]).
    pub topics: BTreeSet<String>,
    /// Module ids (M8[module]).
    pub modules: BTreeSet<String>,
    /// Request form ids (M13[form], M13b[form]).
    pub forms: BTreeSet<String>,
}

impl Domain {
    /// The values a bundle offers.
    pub fn of(bundle: &content::Bundle) -> Domain {
        Domain {
            topics: bundle.forms.iter().map(|f| f.topic.clone()).collect(),
            modules: bundle.modules.iter().map(|m| m.id.clone()).collect(),
            forms: bundle.forms.iter().map(|f| f.id.clone()).collect(),
        }
    }

    fn extend(&mut self, other: Domain) {
        self.topics.extend(other.topics);
        self.modules.extend(other.modules);
        self.forms.extend(other.forms);
    }

    /// The sample's values and every published bundle's.
    pub fn load(store: &Store) -> Result<Domain, StoreError> {
        // The sample never changes while the server runs: parsed once, not per month computed.
        static SAMPLE: std::sync::OnceLock<Domain> = std::sync::OnceLock::new();
        let mut domain = SAMPLE
            .get_or_init(|| {
                content::Bundle::sample()
                    .map(|sample| Domain::of(&sample))
                    .unwrap_or_default()
            })
            .clone();
        if let Some(stored) = store.setting(SETTING)?
            && let Ok(published) = serde_json::from_str::<Domain>(&stored)
        {
            domain.extend(published);
        }
        Ok(domain)
    }

    /// Adds a published bundle's values (they stay: a month's rows never shrink).
    pub fn remember(store: &Store, bundle: &content::Bundle) -> Result<(), StoreError> {
        let mut kept = store
            .setting(SETTING)?
            .and_then(|stored| serde_json::from_str::<Domain>(&stored).ok())
            .unwrap_or_default();
        kept.extend(Domain::of(bundle));
        let json = serde_json::to_string(&kept).map_err(|e| StoreError::Encode(e.to_string()))?;
        store.set_setting(SETTING, Some(&json))
    }

    /// Gives every neighbourhood a (zero) count for each value, so each has its row.
    pub fn apply(&self, inputs: &mut [NeighbourhoodInput]) {
        for input in inputs {
            for topic in &self.topics {
                input.counts.add(counter::REQ_STARTED, topic, 0);
            }
            for module in &self.modules {
                input.counts.add(counter::MOD_STARTED, module, 0);
            }
            for form in &self.forms {
                for waits in [&mut input.waits.first_response, &mut input.waits.resolution] {
                    waits.entry(form.clone()).or_insert_with(BTreeMap::new);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_store;

    #[test]
    fn rows_exist_for_every_offered_value_and_published_values_are_kept()
    -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, store) = temp_store();
        let sample = content::Bundle::sample()?;
        let offered = Domain::load(&store)?;
        assert_eq!(offered, Domain::of(&sample));
        assert!(!offered.topics.is_empty() && !offered.modules.is_empty());

        // A published bundle with a module of its own adds it; it stays after.
        let mut published = sample.clone();
        if let Some(module) = published.modules.first_mut() {
            module.id = "budgeting".into();
        }
        Domain::remember(&store, &published)?;
        assert!(Domain::load(&store)?.modules.contains("budgeting"));

        // A month where nobody did anything still has every row, at zero.
        let mut inputs = vec![NeighbourhoodInput {
            name: "Old Town".into(),
            population: 5_000,
            default_locale: "en".into(),
            ..NeighbourhoodInput::default()
        }];
        Domain::load(&store)?.apply(&mut inputs);
        let figures = super::super::compute::compute(
            "2026-03",
            &inputs,
            &super::super::compute::Targets::default(),
        );
        let city = super::super::compute::ALL;
        for topic in &offered.topics {
            let row = figures.find(city, &format!("M5[{topic}]"));
            assert_eq!(row.and_then(|r| r.value), Some(0.0), "M5[{topic}]");
        }
        assert!(figures.find("Old Town", "M8[budgeting]").is_some());
        for form in &offered.forms {
            assert!(
                figures.find(city, &format!("M13[{form}]")).is_some(),
                "{form}"
            );
        }
        Ok(())
    }
}
