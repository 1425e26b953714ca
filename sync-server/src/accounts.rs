//! Staff accounts: checking names, hashing passwords with argon2 (Argon2id, the crate's
//! recommended parameters), making passwords, and slowing down password guessing.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use rand::Rng as _;

use crate::store::{LoginFailures, Removal, Removed, Role, Store, StoreError};

/// Wrong passwords allowed in a row before each further attempt must wait.
pub const FREE_ATTEMPTS: u32 = 5;

/// The longest wait between attempts.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The name is empty, too long or has odd characters.
    #[error("a login name is 2 to 64 letters, digits, dots, dashes or underscores")]
    BadName,
    /// Too short to be safe.
    #[error("the password must be at least 12 characters long")]
    WeakPassword,
    /// Someone has the name already.
    #[error("there is already a user called {0}")]
    Taken(String),
    /// A librarian without sites could see nothing.
    #[error(
        "a librarian looks after at least one site: add --site NAME (a site kiosks were enrolled at)"
    )]
    NoSites,
    /// A case worker without forms could see nothing.
    #[error(
        "a case worker answers the requests of at least one form: add --form ID (e.g. --form street-light)"
    )]
    NoForms,
    /// Only case workers answer requests.
    #[error("only a case worker (--role case_worker) answers the requests of a form")]
    FormsForCaseWorkers,
    /// Not a form id.
    #[error("\"{0}\" is not a form id (letters, digits, dashes, dots and underscores, at most 64)")]
    BadForm(String),
    /// A site that does not exist.
    #[error(
        "there is no site called \"{0}\" (sites appear when enrolment codes are made for them)"
    )]
    UnknownSite(String),
    /// Hashing failed.
    #[error("cannot hash the password: {0}")]
    Hash(String),
    /// No login by that name.
    #[error("there is no user called {0}")]
    NoSuchUser(String),
    /// The change would leave no admin who can log in.
    #[error("{0} is the last admin who can log in: make another admin first")]
    LastAdmin(String),
    /// An admin on the staff web acting on their own login.
    #[error("you cannot disable or delete your own login; ask another admin")]
    OwnLogin,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether a login name is acceptable.
pub fn valid_name(name: &str) -> bool {
    (2..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Hashes a password (a PHC string with its own random salt).
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let salt_bytes: [u8; 16] = rand::rng().random();
    let salt =
        SaltString::encode_b64(&salt_bytes).map_err(|e| AccountError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// Whether `password` matches a stored hash (false for a damaged hash).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new random password: 20 letters and digits that cannot be mistaken for one another,
/// in groups of five (about 100 bits).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let letters: Vec<char> = (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    letters
        .chunks(5)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Creates a user after checking the name, the password and (for librarians) the sites.
pub fn add_user(
    store: &Store,
    name: &str,
    role: Role,
    password: &str,
    sites: &[String],
    now: i64,
) -> Result<(), AccountError> {
    add_scoped_user(store, name, role, password, sites, &[], now)
}

/// Adds a login with its scope: a librarian's sites; a case worker's request forms (at
/// least one) and, optionally, sites.
pub fn add_scoped_user(
    store: &Store,
    name: &str,
    role: Role,
    password: &str,
    sites: &[String],
    forms: &[String],
    now: i64,
) -> Result<(), AccountError> {
    if !valid_name(name) {
        return Err(AccountError::BadName);
    }
    if password.chars().count() < 12 {
        return Err(AccountError::WeakPassword);
    }
    if role == Role::Librarian && sites.is_empty() {
        return Err(AccountError::NoSites);
    }
    if role == Role::CaseWorker && forms.is_empty() {
        return Err(AccountError::NoForms);
    }
    if role != Role::CaseWorker && !forms.is_empty() {
        return Err(AccountError::FormsForCaseWorkers);
    }
    if let Some(bad) = forms.iter().find(|form| !valid_form_id(form)) {
        return Err(AccountError::BadForm(bad.clone()));
    }
    let known = store.sites()?;
    if let Some(unknown) = sites
        .iter()
        .find(|site| !known.iter().any(|k| &k.site == *site))
    {
        return Err(AccountError::UnknownSite(unknown.clone()));
    }
    let hash = hash_password(password)?;
    if !store.add_staff_user(name, role, &hash, sites, forms, now)? {
        return Err(AccountError::Taken(name.to_owned()));
    }
    Ok(())
}

/// Whether a form id is well formed (as content ids are).
fn valid_form_id(form: &str) -> bool {
    (1..=64).contains(&form.len())
        && form
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A change an admin makes to a staff login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    /// Cannot log in any more; sessions end.
    Disable,
    /// Can log in again.
    Enable,
    /// A new generated password (shown once); sessions end.
    ResetPassword,
    /// Every session ends; the password stays.
    EndSessions,
    /// The login is gone, with its sessions.
    Delete,
}

impl AccountChange {
    /// Every change, in the order the staff web shows them.
    pub const ALL: [AccountChange; 5] = [
        AccountChange::Disable,
        AccountChange::Enable,
        AccountChange::ResetPassword,
        AccountChange::EndSessions,
        AccountChange::Delete,
    ];

    /// The name forms, the CLI and the audit log use (`reset_password`).
    pub fn as_str(self) -> &'static str {
        match self {
            AccountChange::Disable => "disable",
            AccountChange::Enable => "enable",
            AccountChange::ResetPassword => "reset_password",
            AccountChange::EndSessions => "end_sessions",
            AccountChange::Delete => "delete",
        }
    }

    /// The change with this name.
    pub fn parse(text: &str) -> Option<AccountChange> {
        let text = text.trim().replace('-', "_");
        AccountChange::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// Applies `change` to the login `name`, made by `actor` (`None`: the command line). Refuses
/// to leave the service without an admin who can log in, and (on the staff web) an admin
/// disabling or deleting their own login. Returns the new password for a reset (shown once).
/// The caller writes the audit line.
pub fn change_account(
    store: &Store,
    actor: Option<&str>,
    name: &str,
    change: AccountChange,
) -> Result<Option<String>, AccountError> {
    if store.staff_user(name)?.is_none() {
        return Err(AccountError::NoSuchUser(name.to_owned()));
    }
    let removes_access = matches!(change, AccountChange::Disable | AccountChange::Delete);
    if removes_access && actor == Some(name) {
        return Err(AccountError::OwnLogin);
    }
    let removed = |removal| match store.remove_staff_access(name, removal)? {
        Removed::Done => Ok(None),
        Removed::NoSuchUser => Err(AccountError::NoSuchUser(name.to_owned())),
        Removed::LastAdmin => Err(AccountError::LastAdmin(name.to_owned())),
    };
    match change {
        AccountChange::Disable => return removed(Removal::Disable),
        AccountChange::Delete => return removed(Removal::Delete),
        AccountChange::Enable => {
            store.enable_staff_user(name)?;
        }
        AccountChange::EndSessions => {
            store.end_staff_sessions(name)?;
        }
        AccountChange::ResetPassword => {
            let password = generate_password();
            store.set_staff_password(name, &hash_password(&password)?)?;
            return Ok(Some(password));
        }
    }
    Ok(None)
}

/// Seconds a login name must still wait before its next attempt (0: may try now). The first
/// five wrong passwords cost nothing; each one after doubles the wait, from 30 seconds up to
/// 15 minutes.
pub fn wait_before_attempt(failures: u32, last_failure_at: i64, now: i64) -> i64 {
    wait_after(failures, FREE_ATTEMPTS, last_failure_at, now)
}

/// Wrong passwords one client address may make, across all names, before it must wait.
pub const FREE_ATTEMPTS_PER_ADDRESS: u32 = 20;

fn wait_after(failures: u32, free: u32, last_failure_at: i64, now: i64) -> i64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free).min(10);
    let wait = (30i64 << doublings).min(MAX_WAIT_SECONDS);
    (last_failure_at + wait - now).max(0)
}

/// How long a login attempt must wait: per name from one address (so a guesser elsewhere
/// never locks the user out), and per address across names (so nobody sprays guesses over
/// many names).
pub fn login_wait(failures: LoginFailures, now: i64) -> i64 {
    wait_before_attempt(
        failures.name_and_address,
        failures.name_and_address_last,
        now,
    )
    .max(wait_after(
        failures.address,
        FREE_ATTEMPTS_PER_ADDRESS,
        failures.address_last,
        now,
    ))
}

/// Password checks that run at once; argon2 takes 19 MiB and tens of milliseconds each.
pub const HASHING_AT_ONCE: usize = 2;

/// Password checks that may wait for a turn; past this, attempts are refused at once.
pub const HASHING_QUEUE: usize = 16;

/// Bounds the memory and CPU password hashing can take: a few checks run at once on the
/// gate's own threads (so the memory argon2 used stays with those few threads, not spread
/// over the blocking pool), a few more wait, and the rest are refused at once (the staff web
/// answers 429).
#[derive(Debug)]
pub struct PasswordGate {
    jobs: Option<std::sync::mpsc::Sender<Job>>,
    admitted: std::sync::atomic::AtomicUsize,
    limit: usize,
}

type Job = Box<dyn FnOnce() + Send>;

impl Default for PasswordGate {
    fn default() -> Self {
        PasswordGate::new(HASHING_AT_ONCE, HASHING_QUEUE)
    }
}

/// A place in the password gate, held until the check is done.
#[derive(Debug)]
pub struct GateTicket {
    gate: std::sync::Arc<PasswordGate>,
}

impl Drop for GateTicket {
    fn drop(&mut self) {
        self.gate
            .admitted
            .fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

impl PasswordGate {
    /// A gate running `at_once` checks (on as many threads of its own) with `queue` more
    /// waiting.
    pub fn new(at_once: usize, queue: usize) -> PasswordGate {
        let (sender, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        let mut started = 0;
        for n in 0..at_once.max(1) {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || {
                    loop {
                        let job = match receiver.lock() {
                            Ok(jobs) => jobs.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            match spawned {
                Ok(_) => started += 1,
                Err(error) => tracing::error!(%error, "cannot start a password-check thread"),
            }
        }
        PasswordGate {
            // Without any thread of its own, checks run on the blocking pool instead.
            jobs: (started > 0).then_some(sender),
            admitted: std::sync::atomic::AtomicUsize::new(0),
            limit: at_once.max(1) + queue,
        }
    }

    /// A place in the gate, or `None` when it is full.
    pub fn enter(self: &std::sync::Arc<Self>) -> Option<GateTicket> {
        let admitted = self
            .admitted
            .fetch_update(
                std::sync::atomic::Ordering::AcqRel,
                std::sync::atomic::Ordering::Acquire,
                |n| (n < self.limit).then_some(n + 1),
            )
            .is_ok();
        admitted.then(|| GateTicket { gate: self.clone() })
    }

    /// Checks held by the gate now (running and waiting).
    pub fn admitted(&self) -> usize {
        self.admitted.load(std::sync::atomic::Ordering::Acquire)
    }
}

impl GateTicket {
    /// Runs `work` (a password hash or check) on one of the gate's threads when its turn
    /// comes. The place is kept until the work ends, even if the caller stops waiting.
    pub async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AccountError> {
        let (answer, result) = tokio::sync::oneshot::channel();
        let stopped = || AccountError::Hash("the password check stopped".into());
        match self.gate.jobs.clone() {
            Some(jobs) => {
                let job: Job = Box::new(move || {
                    let value = work();
                    // The place is given back before the answer, so a caller that has its
                    // answer never sees its own check still counted.
                    drop(self);
                    let _ = answer.send(value);
                });
                jobs.send(job).map_err(|_| stopped())?;
                result.await.map_err(|_| stopped())
            }
            None => tokio::task::spawn_blocking(move || {
                let result = work();
                drop(self);
                result
            })
            .await
            .map_err(|e| AccountError::Hash(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_salt_and_verify() -> Result<(), AccountError> {
        let first = hash_password("correct horse battery")?;
        let second = hash_password("correct horse battery")?;
        assert_ne!(first, second, "each hash has its own salt");
        assert!(first.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &first));
        assert!(!verify_password("correct horse battery!", &first));
        assert!(!verify_password("anything", "not a hash"));
        let generated = generate_password();
        assert_eq!(generated.len(), 23);
        assert_ne!(generated, generate_password());
        Ok(())
    }

    #[test]
    fn guessing_slows_down_after_five_wrong_passwords() {
        assert_eq!(wait_before_attempt(4, 1000, 1000), 0);
        assert_eq!(wait_before_attempt(5, 1000, 1000), 30);
        assert_eq!(wait_before_attempt(5, 1000, 1030), 0);
        assert_eq!(wait_before_attempt(7, 1000, 1000), 120);
        assert_eq!(wait_before_attempt(40, 1000, 1000), MAX_WAIT_SECONDS);
        let spray = LoginFailures {
            address: FREE_ATTEMPTS_PER_ADDRESS,
            address_last: 1000,
            ..LoginFailures::default()
        };
        assert_eq!(login_wait(spray, 1000), 30, "many names from one address");
        assert_eq!(login_wait(LoginFailures::default(), 1000), 0);
    }

    #[test]
    fn admins_change_logins_but_never_remove_the_last_admin() -> Result<(), AccountError> {
        let (_dir, store) = crate::store::test_support::temp_store();
        add_user(
            &store,
            "boss",
            Role::Admin,
            "a long enough password",
            &[],
            1,
        )?;
        add_user(
            &store,
            "ana",
            Role::CityStaff,
            "a long enough password",
            &[],
            1,
        )?;
        assert!(matches!(
            change_account(&store, None, "boss", AccountChange::Disable),
            Err(AccountError::LastAdmin(_))
        ));
        assert!(matches!(
            change_account(&store, Some("boss"), "boss", AccountChange::Delete),
            Err(AccountError::OwnLogin)
        ));
        let password = change_account(&store, Some("boss"), "ana", AccountChange::ResetPassword)?
            .ok_or(AccountError::Hash("no password".into()))?;
        let ana = store
            .staff_user("ana")?
            .ok_or(AccountError::NoSuchUser("ana".into()))?;
        assert!(verify_password(&password, &ana.password_hash));
        assert!(!verify_password(
            "a long enough password",
            &ana.password_hash
        ));
        change_account(&store, Some("boss"), "ana", AccountChange::Disable)?;
        assert!(store.staff_user("ana")?.is_some_and(|u| u.disabled));
        change_account(&store, Some("boss"), "ana", AccountChange::Enable)?;
        change_account(&store, Some("boss"), "ana", AccountChange::Delete)?;
        assert!(matches!(
            change_account(&store, None, "ana", AccountChange::EndSessions),
            Err(AccountError::NoSuchUser(_))
        ));
        assert_eq!(
            AccountChange::parse("reset-password"),
            Some(AccountChange::ResetPassword)
        );
        Ok(())
    }

    #[tokio::test]
    async fn the_gate_runs_a_few_checks_and_refuses_past_its_queue() -> Result<(), AccountError> {
        let gate = std::sync::Arc::new(PasswordGate::new(1, 2));
        let tickets: Vec<GateTicket> = (0..3).filter_map(|_| gate.enter()).collect();
        assert_eq!(tickets.len(), 3);
        assert!(gate.enter().is_none(), "full: refused at once");
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let mut tickets = tickets.into_iter();
        let first = tickets.next().map(|t| {
            tokio::spawn(t.run(move || {
                let _ = wait.recv();
                1
            }))
        });
        drop(tickets);
        // Two tickets dropped unused give their places back; the running one keeps its own.
        assert_eq!(gate.admitted(), 1);
        assert!(gate.enter().is_some());
        let _ = release.send(());
        if let Some(first) = first {
            assert_eq!(
                first
                    .await
                    .map_err(|e| AccountError::Hash(e.to_string()))??,
                1
            );
        }
        assert_eq!(gate.admitted(), 0);
        Ok(())
    }
}
