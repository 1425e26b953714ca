//! Staff logins: users with a role (and, for librarians, their sites), browser sessions, the
//! audit log, and wrong-password counts. Passwords arrive here already hashed (argon2).

use serde::Serialize;

use super::db::{Sql, SqlExt as _, params};
use super::{Store, StoreError};

/// What a member of staff may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Looks after the kiosks at their sites: device health and enrolment there, no metrics.
    Librarian,
    /// Answers residents' requests of some forms (and, if given, from some sites): the
    /// Requests page, with personal fields opened (each opening audited); no metrics.
    CaseWorker,
    /// Reviews suppressed inclusion statistics, exports them, publishes content and baselines.
    CityStaff,
    /// As city staff, and also sees unsuppressed figures; every such view is logged.
    Analyst,
    /// Runs the service: users, fleet, content, imports; sees suppressed figures only.
    Admin,
}

/// How [`Store::remove_staff_access`] takes a login's access away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// The login stays but cannot log in; its sessions end.
    Disable,
    /// The login is gone, with its sites and sessions.
    Delete,
}

/// What [`Store::remove_staff_access`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    /// The login was disabled or deleted.
    Done,
    /// There is no login of that name.
    NoSuchUser,
    /// Nothing: it is the last admin who can log in.
    LastAdmin,
}

impl Role {
    /// Every role, least powerful first.
    pub const ALL: [Role; 5] = [
        Role::Librarian,
        Role::CaseWorker,
        Role::CityStaff,
        Role::Analyst,
        Role::Admin,
    ];

    /// The stored and typed name (`city_staff`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Librarian => "librarian",
            Role::CaseWorker => "case_worker",
            Role::CityStaff => "city_staff",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// The role with this name (`city-staff` and `city_staff` both work).
    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// May see inclusion figures at all.
    pub fn sees_metrics(self) -> bool {
        !matches!(self, Role::Librarian | Role::CaseWorker)
    }

    /// Answers residents' requests and sees their personal fields (within their scope).
    pub fn handles_requests(self) -> bool {
        matches!(self, Role::CaseWorker)
    }

    /// Sees the Requests page: case workers (in full, within their scope) and admins (that
    /// a request exists and its status, nothing the resident wrote).
    pub fn sees_requests(self) -> bool {
        matches!(self, Role::CaseWorker | Role::Admin)
    }

    /// Sees figures without small-cell suppression.
    pub fn sees_unsuppressed(self) -> bool {
        matches!(self, Role::Analyst)
    }

    /// May publish content and import baselines and outlines.
    pub fn publishes(self) -> bool {
        matches!(self, Role::CityStaff | Role::Admin)
    }

    /// May manage users and read the audit log.
    pub fn administers(self) -> bool {
        matches!(self, Role::Admin)
    }
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffUser {
    /// Login name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// The argon2 hash of the password (PHC string).
    #[serde(skip)]
    pub password_hash: String,
    /// The sites a librarian looks after, or a case worker answers for (empty: every site;
    /// empty for other roles).
    pub sites: Vec<String>,
    /// The request forms a case worker answers (empty for other roles).
    pub forms: Vec<String>,
    /// Can no longer log in.
    pub disabled: bool,
}

/// A logged-in browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSession {
    /// Who.
    pub user: StaffUser,
    /// The token forms must carry back (CSRF).
    pub csrf: String,
    /// Unix seconds when the session ends.
    pub expires_at: i64,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Unix seconds.
    pub at: i64,
    /// Who.
    pub name: String,
    /// Their role then.
    pub role: String,
    /// What (`view_unsuppressed`, `publish_content`, …).
    pub action: String,
    /// Details in a few words.
    pub detail: String,
}

fn role_of(text: &str) -> Role {
    // Unknown stored roles get the least power.
    Role::parse(text).unwrap_or(Role::Librarian)
}

impl Store {
    /// Adds a user. Returns false (changing nothing) if the name is taken.
    pub fn add_staff_user(
        &self,
        name: &str,
        role: Role,
        password_hash: &str,
        sites: &[String],
        forms: &[String],
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let added = transaction.execute(
            "INSERT INTO staff_users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            params![name, role.as_str(), password_hash, now],
        )?;
        if added == 0 {
            return Ok(false);
        }
        for site in sites {
            transaction.execute(
                "INSERT INTO staff_user_sites (name, site) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![name, site],
            )?;
        }
        for form in forms {
            transaction.execute(
                "INSERT INTO staff_user_forms (name, form) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![name, form],
            )?;
        }
        transaction.commit()?;
        Ok(true)
    }

    /// A user by login name.
    pub fn staff_user(&self, name: &str) -> Result<Option<StaffUser>, StoreError> {
        let connection = self.conn()?;
        let user = connection.query_opt(
            "SELECT name, role, password_hash, disabled FROM staff_users WHERE name = ?1",
            params![name],
            |row| {
                Ok(StaffUser {
                    name: row.get(0)?,
                    role: role_of(&row.get::<String>(1)?),
                    password_hash: row.get(2)?,
                    sites: Vec::new(),
                    forms: Vec::new(),
                    disabled: row.get(3)?,
                })
            },
        )?;
        let Some(mut user) = user else {
            return Ok(None);
        };
        user.sites = connection.query_map(
            "SELECT site FROM staff_user_sites WHERE name = ?1 ORDER BY site",
            params![name],
            |row| row.get(0),
        )?;
        user.forms = connection.query_map(
            "SELECT form FROM staff_user_forms WHERE name = ?1 ORDER BY form",
            params![name],
            |row| row.get(0),
        )?;
        Ok(Some(user))
    }

    /// Every user, by name.
    pub fn staff_users(&self) -> Result<Vec<StaffUser>, StoreError> {
        let names: Vec<String> = {
            let connection = self.conn()?;
            connection.query_map("SELECT name FROM staff_users ORDER BY name", &[], |row| {
                row.get(0)
            })?
        };
        let mut users = Vec::with_capacity(names.len());
        for name in names {
            if let Some(user) = self.staff_user(&name)? {
                users.push(user);
            }
        }
        Ok(users)
    }

    /// Starts a browser session (the token is stored hashed).
    pub fn create_staff_session(
        &self,
        token_hash: &str,
        name: &str,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let connection = self.conn()?;
        connection.execute(
            "DELETE FROM staff_sessions WHERE expires_at < ?1",
            params![now],
        )?;
        connection.execute(
            "INSERT INTO staff_sessions (token_hash, name, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token_hash, name, csrf, now, expires_at],
        )?;
        Ok(())
    }

    /// The live session with this token hash, if any (expired ones and disabled users: none).
    pub fn staff_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<StaffSession>, StoreError> {
        let found: Option<(String, String, i64)> = self
            .conn()?
            .query_opt("SELECT name, csrf, expires_at FROM staff_sessions WHERE token_hash = ?1 AND expires_at > ?2", params![token_hash, now], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        let Some((name, csrf, expires_at)) = found else {
            return Ok(None);
        };
        Ok(self
            .staff_user(&name)?
            .filter(|user| !user.disabled)
            .map(|user| StaffSession {
                user,
                csrf,
                expires_at,
            }))
    }

    /// Ends a browser session.
    pub fn end_staff_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "DELETE FROM staff_sessions WHERE token_hash = ?1",
            params![token_hash],
        )?;
        Ok(())
    }

    /// Notes what a member of staff did or saw.
    pub fn audit(
        &self,
        name: &str,
        role: Role,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.conn()?.execute(
            "INSERT INTO audit_log (at, name, role, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now, name, role.as_str(), action, detail],
        )?;
        Ok(())
    }

    /// The latest audit entries, newest first.
    pub fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT at, name, role, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
            params![limit],
            |row| {
                Ok(AuditEntry {
                    at: row.get(0)?,
                    name: row.get(1)?,
                    role: row.get(2)?,
                    action: row.get(3)?,
                    detail: row.get(4)?,
                })
            },
        )?;
        Ok(rows)
    }

    /// Re-enables a disabled login. False if there is no such user.
    pub fn enable_staff_user(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.conn()?.execute(
            "UPDATE staff_users SET disabled = ?1 WHERE name = ?2",
            params![false, name],
        )? == 1)
    }

    /// Disables or deletes a login, ending its sessions, unless it is the last admin who can
    /// log in. The check and the change are one transaction under the admins' lock, so two
    /// admins removed at the same moment (by two staff, or on two server processes) never
    /// leave the service with none.
    pub fn remove_staff_access(&self, name: &str, removal: Removal) -> Result<Removed, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive("staff:admins")?;
        let Some((role, disabled)) = transaction.query_opt(
            "SELECT role, disabled FROM staff_users WHERE name = ?1",
            params![name],
            |row| Ok((role_of(&row.get::<String>(0)?), row.get::<bool>(1)?)),
        )?
        else {
            return Ok(Removed::NoSuchUser);
        };
        if role == Role::Admin && !disabled {
            let other_admins: i64 = transaction.query_row(
                "SELECT COUNT(*) FROM staff_users WHERE role = ?1 AND disabled = ?2 AND name <> ?3",
                params![Role::Admin.as_str(), false, name],
                |row| row.get(0),
            )?;
            if other_admins == 0 {
                return Ok(Removed::LastAdmin);
            }
        }
        match removal {
            Removal::Disable => {
                transaction.execute(
                    "UPDATE staff_users SET disabled = ?1 WHERE name = ?2",
                    params![true, name],
                )?;
                transaction.execute("DELETE FROM staff_sessions WHERE name = ?1", params![name])?;
            }
            Removal::Delete => {
                transaction.execute("DELETE FROM staff_users WHERE name = ?1", params![name])?;
            }
        }
        transaction.commit()?;
        Ok(Removed::Done)
    }

    /// Replaces a login's password hash and ends its sessions. False if there is no such user.
    pub fn set_staff_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let changed = transaction.execute(
            "UPDATE staff_users SET password_hash = ?1 WHERE name = ?2",
            params![password_hash, name],
        )?;
        transaction.execute("DELETE FROM staff_sessions WHERE name = ?1", params![name])?;
        transaction.commit()?;
        Ok(changed == 1)
    }

    /// Ends every session of a login; returns how many there were.
    pub fn end_staff_sessions(&self, name: &str) -> Result<usize, StoreError> {
        self.conn()?
            .execute("DELETE FROM staff_sessions WHERE name = ?1", params![name])
    }

    /// Live sessions per login name (expired ones are not counted).
    pub fn staff_session_counts(
        &self,
        now: i64,
    ) -> Result<std::collections::BTreeMap<String, u64>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT name, COUNT(*) FROM staff_sessions WHERE expires_at > ?1 GROUP BY name",
            params![now],
            |row| Ok((row.get::<String>(0)?, row.get::<i64>(1)?.max(0) as u64)),
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Reserves a login attempt for `name` from `address`, atomically: prunes attempts older
    /// than a day, asks `wait` how long this attempt must still wait given the failures in a
    /// row for this name from this address and for this address across names (each with when
    /// the last was), and, if it need not wait, counts it as a failure until
    /// [`Store::login_succeeded`] says otherwise. Returns the seconds to wait (0: go ahead).
    pub fn reserve_login_attempt(
        &self,
        name: &str,
        address: &str,
        now: i64,
        wait: impl Fn(LoginFailures) -> i64,
    ) -> Result<i64, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive(&format!("login:{address}"))?;
        transaction.execute(
            "DELETE FROM login_attempts WHERE last_at < ?1",
            params![now - LOGIN_ATTEMPTS_KEPT_SECONDS],
        )?;
        let (this_name, this_name_last): (i64, i64) = transaction
            .query_opt(
                "SELECT failures, last_at FROM login_attempts WHERE name = ?1 AND address = ?2",
                params![name, address],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
            .unwrap_or((0, 0));
        let (from_address, from_address_last): (i64, i64) = transaction.query_row(
            "SELECT COALESCE(SUM(failures), 0), COALESCE(MAX(last_at), 0)
             FROM login_attempts WHERE address = ?1",
            params![address],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let seconds = wait(LoginFailures {
            name_and_address: this_name.clamp(0, i64::from(u32::MAX)) as u32,
            name_and_address_last: this_name_last,
            address: from_address.clamp(0, i64::from(u32::MAX)) as u32,
            address_last: from_address_last,
        });
        if seconds > 0 {
            return Ok(seconds);
        }
        transaction.execute(
            "INSERT INTO login_attempts (name, address, failures, last_at) VALUES (?1, ?2, 1, ?3)
             ON CONFLICT (name, address) DO UPDATE SET failures = login_attempts.failures + 1, last_at = excluded.last_at",
            params![name, address, now],
        )?;
        transaction.commit()?;
        Ok(0)
    }

    /// Forgets the failures of `name` from `address` after a right password.
    pub fn login_succeeded(&self, name: &str, address: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "DELETE FROM login_attempts WHERE name = ?1 AND address = ?2",
            params![name, address],
        )?;
        Ok(())
    }

    /// Deletes attempts older than a day; returns how many went.
    pub fn prune_login_attempts(&self, now: i64) -> Result<usize, StoreError> {
        self.conn()?.execute(
            "DELETE FROM login_attempts WHERE last_at < ?1",
            params![now - LOGIN_ATTEMPTS_KEPT_SECONDS],
        )
    }

    /// How many attempt rows are kept (for tests and `/metrics`).
    pub fn login_attempt_rows(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn()?
            .query_row("SELECT COUNT(*) FROM login_attempts", &[], |row| {
                row.get::<i64>(0)
            })?
            .max(0) as u64)
    }
}

/// How long wrong passwords are remembered.
pub const LOGIN_ATTEMPTS_KEPT_SECONDS: i64 = 24 * 3600;

/// Wrong passwords in a row, as a login attempt is weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginFailures {
    /// For this name from this address.
    pub name_and_address: u32,
    /// When the last of those was (Unix seconds).
    pub name_and_address_last: i64,
    /// From this address, whatever the name.
    pub address: u32,
    /// When the last of those was.
    pub address_last: i64,
}

#[cfg(test)]
mod tests {
    use super::super::test_support::temp_store;
    use super::*;

    #[test]
    fn users_sessions_and_failures() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        assert!(store.add_staff_user(
            "lee",
            Role::Librarian,
            "$hash",
            &["Library".into()],
            &[],
            1
        )?);
        assert!(
            !store.add_staff_user("lee", Role::Admin, "$other", &[], &[], 1)?,
            "name taken"
        );
        let user = store.staff_user("lee")?.expect("user");
        assert_eq!(
            (user.role, user.sites.as_slice()),
            (Role::Librarian, ["Library".to_owned()].as_slice())
        );
        store.create_staff_session("t1", "lee", "csrf1", 100, 200)?;
        assert_eq!(
            store.staff_session("t1", 150)?.map(|s| s.csrf),
            Some("csrf1".into())
        );
        assert_eq!(store.staff_session("t1", 250)?, None, "expired");
        // Attempts are reserved atomically and counted until a success clears them.
        let seen = std::cell::RefCell::new(Vec::new());
        let policy = |f: LoginFailures| {
            seen.borrow_mut().push(f);
            if f.name_and_address >= 2 { 30 } else { 0 }
        };
        assert_eq!(
            store.reserve_login_attempt("lee", "10.0.0.1", 10, policy)?,
            0
        );
        assert_eq!(
            store.reserve_login_attempt("lee", "10.0.0.1", 11, policy)?,
            0
        );
        assert_eq!(
            store.reserve_login_attempt("lee", "10.0.0.1", 12, policy)?,
            30
        );
        assert_eq!(
            store.reserve_login_attempt("lee", "10.0.0.2", 12, policy)?,
            0,
            "elsewhere"
        );
        assert_eq!(
            store.reserve_login_attempt("ana", "10.0.0.1", 13, policy)?,
            0
        );
        let last = seen.borrow().last().copied().unwrap_or_default();
        assert_eq!(
            (last.name_and_address, last.address, last.address_last),
            (0, 2, 11)
        );
        store.login_succeeded("lee", "10.0.0.1")?;
        assert_eq!(
            store.reserve_login_attempt("lee", "10.0.0.1", 14, policy)?,
            0
        );
        assert_eq!(store.login_attempt_rows()?, 3);
        assert_eq!(
            store.prune_login_attempts(15 + LOGIN_ATTEMPTS_KEPT_SECONDS)?,
            3
        );
        assert_eq!(store.login_attempt_rows()?, 0);
        assert_eq!(Role::parse("City-Staff"), Some(Role::CityStaff));
        // Disabling, a new password and deleting each end the login's sessions.
        store.create_staff_session("t2", "lee", "c", 100, 9_000)?;
        store.create_staff_session("t3", "lee", "c", 100, 9_000)?;
        assert_eq!(store.staff_session_counts(150)?.get("lee"), Some(&3));
        assert_eq!(
            store.remove_staff_access("lee", Removal::Disable)?,
            Removed::Done
        );
        assert_eq!(store.staff_session("t2", 150)?, None);
        assert!(store.staff_user("lee")?.is_some_and(|u| u.disabled));
        assert!(store.enable_staff_user("lee")?);
        store.create_staff_session("t4", "lee", "c", 100, 9_000)?;
        assert!(store.set_staff_password("lee", "$new")?);
        assert_eq!(store.staff_session("t4", 150)?, None);
        store.create_staff_session("t5", "lee", "c", 100, 9_000)?;
        assert_eq!(store.end_staff_sessions("lee")?, 1);
        assert_eq!(
            store.remove_staff_access("lee", Removal::Delete)?,
            Removed::Done
        );
        assert_eq!(
            store.remove_staff_access("lee", Removal::Delete)?,
            Removed::NoSuchUser
        );
        assert_eq!(store.staff_user("lee")?, None);
        Ok(())
    }

    #[test]
    fn two_admins_removed_at_once_never_leave_none() -> Result<(), StoreError> {
        let (dir, store) = crate::store::test_support::temp_store();
        // As two server processes would: each its own connections.
        let handles = [
            store.clone(),
            crate::store::test_support::second_handle(&dir, &store),
        ];
        for round in 0..8 {
            let (first, second) = (format!("first{round}"), format!("second{round}"));
            for name in [&first, &second] {
                store.add_staff_user(name, Role::Admin, "$hash", &[], &[], 1)?;
            }
            let barrier = std::sync::Barrier::new(2);
            let outcomes = std::thread::scope(|scope| {
                let removals: Vec<_> = [(&first, Removal::Disable), (&second, Removal::Delete)]
                    .into_iter()
                    .zip(&handles)
                    .map(|((name, removal), store)| {
                        let barrier = &barrier;
                        scope.spawn(move || {
                            barrier.wait();
                            store.remove_staff_access(name, removal)
                        })
                    })
                    .collect();
                removals
                    .into_iter()
                    .map(|removal| removal.join().expect("the thread ran"))
                    .collect::<Result<Vec<_>, _>>()
            })?;
            let mut outcomes = outcomes;
            outcomes.sort_by_key(|outcome| *outcome == Removed::LastAdmin);
            assert_eq!(
                outcomes,
                [Removed::Done, Removed::LastAdmin],
                "round {round}"
            );
            let admins = store
                .staff_users()?
                .into_iter()
                .filter(|user| user.role == Role::Admin && !user.disabled)
                .count();
            assert_eq!(admins, 1, "round {round}");
            // Both gone before the next round, so that each round starts with two admins.
            store
                .conn()?
                .execute("DELETE FROM staff_users", params![])?;
        }
        Ok(())
    }
}
