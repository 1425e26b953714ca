//! Neighbourhood baselines and outlines, sites, and the server's settings. Imports replace
//! the whole set in one transaction: a city's census figures are uploaded as a whole.

use super::db::{Sql, SqlExt as _, params};
use super::{Store, StoreError};
use crate::places::{Baseline, Boundary};

/// A site and its neighbourhood.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Site {
    /// The site's name, e.g. "Central Library".
    pub site: String,
    /// Its neighbourhood.
    pub neighbourhood: String,
}

impl Store {
    /// Replaces every baseline with `baselines`, in one transaction.
    pub fn import_baselines(&self, baselines: &[Baseline], now: i64) -> Result<(), StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive("places")?;
        transaction.execute("DELETE FROM neighbourhoods", &[])?;
        for baseline in baselines {
            transaction.execute(
                "INSERT INTO neighbourhoods (name, population, offline_share, opening_hours, default_locale, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    baseline.neighbourhood,
                    i64::try_from(baseline.population).unwrap_or(i64::MAX),
                    baseline.offline_share,
                    baseline.opening_hours,
                    baseline.default_locale,
                    now
                ],
            )?;
        }
        bump_places_version(&transaction)?;
        transaction.commit()?;
        Ok(())
    }

    /// Every neighbourhood's baseline, by name.
    pub fn baselines(&self) -> Result<Vec<Baseline>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT name, population, offline_share, opening_hours, default_locale
             FROM neighbourhoods ORDER BY name",
            &[],
            |row| {
                Ok(Baseline {
                    neighbourhood: row.get(0)?,
                    population: row.get::<i64>(1)?.max(0) as u64,
                    offline_share: row.get(2)?,
                    opening_hours: row.get(3)?,
                    default_locale: row.get(4)?,
                })
            },
        )?;
        Ok(rows)
    }

    /// Replaces every outline with `boundaries`, in one transaction.
    pub fn import_boundaries(&self, boundaries: &[Boundary], now: i64) -> Result<(), StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive("places")?;
        transaction.execute("DELETE FROM boundaries", &[])?;
        for boundary in boundaries {
            transaction.execute(
                "INSERT INTO boundaries (neighbourhood, geometry, imported_at) VALUES (?1, ?2, ?3)",
                params![boundary.neighbourhood, boundary.geometry_json(), now],
            )?;
        }
        bump_places_version(&transaction)?;
        transaction.commit()?;
        Ok(())
    }

    /// Every neighbourhood outline, by name.
    pub fn boundaries(&self) -> Result<Vec<Boundary>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT neighbourhood, geometry FROM boundaries ORDER BY neighbourhood",
            &[],
            |row| Ok((row.get::<String>(0)?, row.get::<String>(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(name, json)| Boundary::from_geometry_json(&name, &json))
            .collect())
    }

    /// Every site, by neighbourhood and name.
    pub fn sites(&self) -> Result<Vec<Site>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT site, neighbourhood FROM sites ORDER BY neighbourhood, site",
            &[],
            |row| {
                Ok(Site {
                    site: row.get(0)?,
                    neighbourhood: row.get(1)?,
                })
            },
        )?;
        Ok(rows)
    }

    /// The neighbourhood a site is in, if the site is known.
    pub fn site_neighbourhood(&self, site: &str) -> Result<Option<String>, StoreError> {
        self.conn()?.query_opt(
            "SELECT neighbourhood FROM sites WHERE site = ?1",
            params![site],
            |row| row.get(0),
        )
    }

    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn()?.query_opt(
            "SELECT value FROM settings WHERE key = ?1",
            params![key],
            |row| row.get(0),
        )
    }

    /// Sets (or with None, clears) a setting.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        let connection = self.conn()?;
        match value {
            Some(value) => connection.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?,
            None => connection.execute("DELETE FROM settings WHERE key = ?1", params![key])?,
        };
        Ok(())
    }
}

/// Notes that places changed, so cached figures are computed again.
fn bump_places_version(transaction: &dyn Sql) -> Result<(), StoreError> {
    transaction.execute(
        "INSERT INTO settings (key, value) VALUES ('places_version', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)",
        &[],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::temp_store;
    use super::*;

    #[test]
    fn an_import_replaces_the_whole_set() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        let baseline = |name: &str, population| Baseline {
            neighbourhood: name.into(),
            population,
            offline_share: Some(0.2),
            opening_hours: "24/7".into(),
            default_locale: "en".into(),
        };
        store.import_baselines(&[baseline("A", 10), baseline("B", 20)], 1)?;
        store.import_baselines(&[baseline("C", 30)], 2)?;
        let names: Vec<_> = store
            .baselines()?
            .into_iter()
            .map(|b| b.neighbourhood)
            .collect();
        assert_eq!(names, ["C"]);
        store.set_setting("utc_offset_hours", Some("2"))?;
        assert_eq!(store.setting("utc_offset_hours")?.as_deref(), Some("2"));
        store.set_setting("utc_offset_hours", None)?;
        assert_eq!(store.setting("utc_offset_hours")?, None);
        Ok(())
    }
}
