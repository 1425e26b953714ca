//! Open311 API keys: made by an admin for the city's case system, stored hashed, scoped like
//! case workers (request forms, optionally sites), and allowed or not to read personal fields.

use serde::Serialize;

use super::db::{Sql, SqlExt as _, params};
use super::requests::RequestScope;
use super::{Store, StoreError};

/// A key as the server knows it (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Open311Key {
    /// What the admin called it (`crm`, `311-desk`).
    pub name: String,
    /// May read residents' personal fields.
    pub personal: bool,
    /// The forms it reads.
    pub forms: Vec<String>,
    /// The sites it reads (empty: every site).
    pub sites: Vec<String>,
    /// Who made it.
    pub created_by: String,
    /// When (Unix seconds).
    pub created_at: i64,
}

impl Open311Key {
    /// The requests it may read.
    pub fn scope(&self) -> RequestScope {
        RequestScope::Forms {
            forms: self.forms.clone(),
            sites: self.sites.clone(),
        }
    }
}

impl Store {
    /// Stores a new key. False (changing nothing) if the name is taken.
    pub fn add_open311_key(&self, key: &Open311Key, key_hash: &str) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let added = transaction.execute(
            "INSERT INTO open311_keys (name, key_hash, personal, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            params![
                key.name,
                key_hash,
                key.personal,
                key.created_by,
                key.created_at
            ],
        )?;
        if added == 0 {
            return Ok(false);
        }
        for (kind, values) in [("form", &key.forms), ("site", &key.sites)] {
            for value in values {
                transaction.execute(
                    "INSERT INTO open311_key_scope (name, kind, value) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    params![key.name, kind, value],
                )?;
            }
        }
        transaction.commit()?;
        Ok(true)
    }

    fn open311_key_where(
        &self,
        column: &str,
        value: &str,
    ) -> Result<Option<Open311Key>, StoreError> {
        let connection = self.conn()?;
        let key = connection.query_opt(
            &format!(
                "SELECT name, personal, created_by, created_at FROM open311_keys WHERE {column} = ?1"
            ),
            params![value],
            |row| {
                Ok(Open311Key {
                    name: row.get(0)?,
                    personal: row.get(1)?,
                    forms: Vec::new(),
                    sites: Vec::new(),
                    created_by: row.get(2)?,
                    created_at: row.get(3)?,
                })
            },
        )?;
        let Some(mut key) = key else {
            return Ok(None);
        };
        key.forms = connection.query_map(
            "SELECT value FROM open311_key_scope WHERE name = ?1 AND kind = ?2 ORDER BY value",
            params![key.name, "form"],
            |row| row.get(0),
        )?;
        key.sites = connection.query_map(
            "SELECT value FROM open311_key_scope WHERE name = ?1 AND kind = ?2 ORDER BY value",
            params![key.name, "site"],
            |row| row.get(0),
        )?;
        Ok(Some(key))
    }

    /// The key whose hash this is.
    pub fn open311_key(&self, key_hash: &str) -> Result<Option<Open311Key>, StoreError> {
        self.open311_key_where("key_hash", key_hash)
    }

    /// Every key, by name.
    pub fn open311_keys(&self) -> Result<Vec<Open311Key>, StoreError> {
        let names: Vec<String> = {
            let connection = self.conn()?;
            connection.query_map("SELECT name FROM open311_keys ORDER BY name", &[], |row| {
                row.get(0)
            })?
        };
        let mut keys = Vec::with_capacity(names.len());
        for name in names {
            if let Some(key) = self.open311_key_where("name", &name)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }

    /// Deletes a key; false if there is none by that name.
    pub fn delete_open311_key(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()?
            .execute("DELETE FROM open311_keys WHERE name = ?1", params![name])?
            == 1)
    }
}
