//! The PostgreSQL backend: a pool of `tokio-postgres` connections (`deadpool-postgres`)
//! whose I/O runs on a small runtime of the store's own, and the schema, migrated in order by
//! whichever server process takes the migration lock first.

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, RecyclingMethod, Runtime};

use super::StoreError;
use super::db::block_on;

/// Connections each server process keeps at most. SQLite has one; PostgreSQL serves many
/// requests at once, and a city's server (default `max_connections` 100) takes several
/// processes of this many.
const POOL_SIZE: usize = 16;

/// How long a request waits for a free connection before it is told the database is busy.
const WAIT: Duration = Duration::from_secs(30);

/// How long opening a connection may take.
const CONNECT: Duration = Duration::from_secs(10);

/// The advisory lock taken while the schema is migrated (any fixed number; it names this
/// use among the database's advisory locks).
const MIGRATION_LOCK: i64 = 0x6b69_6f73_6b00_0001;

/// Whether a `--database` value names PostgreSQL.
pub fn is_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// `url` without its password, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let rest = match rest.split_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:…@{host}"),
            None => rest.to_owned(),
        },
        None => rest.to_owned(),
    };
    // A password may also be a parameter: `?password=…`.
    let rest = match rest.split_once("password=") {
        Some((before, after)) => {
            let tail = after.split_once('&').map_or("", |(_, tail)| tail);
            let tail = if tail.is_empty() {
                String::new()
            } else {
                format!("&{tail}")
            };
            format!("{before}password=…{tail}")
        }
        None => rest,
    };
    format!("{scheme}://{rest}")
}

/// Makes a new, empty database `name` on the server `admin_url` reaches (a URL whose user may
/// create databases) and returns the URL of the new one: for tests, and for a city setting up.
pub fn create_database(admin_url: &str, name: &str) -> Result<String, StoreError> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(StoreError::Refused(format!(
            "{name:?} is not a database name this server makes (lower-case letters, digits, _)"
        )));
    }
    let (base, _) = admin_url.rsplit_once('/').ok_or_else(|| {
        StoreError::Connect("the database URL names no database (…/postgres)".into())
    })?;
    let admin = Pool::connect_without_schema(admin_url)?;
    let client = admin.get()?;
    block_on(client.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0")))?;
    Ok(format!("{base}/{name}"))
}

/// A pool of connections to one PostgreSQL database.
pub struct Pool {
    pool: deadpool_postgres::Pool,
    /// Kept for the tests that open a second pool on the same database.
    #[cfg_attr(not(test), expect(dead_code))]
    url: String,
    runtime: Option<tokio::runtime::Runtime>,
    description: String,
}

impl Drop for Pool {
    fn drop(&mut self) {
        // The last handle may go away on an async worker, where a runtime must not block.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Pool {
    /// Connects to `url` and migrates the schema to the latest version.
    pub fn connect(url: &str) -> Result<Pool, StoreError> {
        let pool = Pool::connect_without_schema(url)?;
        pool.migrate()?;
        Ok(pool)
    }

    /// Connects to `url` without touching its schema.
    fn connect_without_schema(url: &str) -> Result<Pool, StoreError> {
        let target = super::postgres_tls::target(url)?;
        let description = describe(&target.config, target.encrypted);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("postgres")
            .enable_all()
            .build()
            .map_err(|e| {
                StoreError::Connect(format!("cannot start the connection threads: {e}"))
            })?;
        let manager = Manager::from_config(
            target.config,
            target.tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = {
            // The pool spawns each connection's task on the runtime it is built in.
            let _entered = runtime.enter();
            deadpool_postgres::Pool::builder(manager)
                .max_size(POOL_SIZE)
                .runtime(Runtime::Tokio1)
                .wait_timeout(Some(WAIT))
                .create_timeout(Some(CONNECT))
                .build()
                .map_err(|e| StoreError::Connect(e.to_string()))?
        };
        Ok(Pool {
            pool,
            url: url.to_owned(),
            runtime: Some(runtime),
            description,
        })
    }

    /// A connection from the pool, opened on the store's runtime if none is free.
    pub fn get(&self) -> Result<deadpool_postgres::Object, StoreError> {
        let runtime = self
            .runtime
            .as_ref()
            .ok_or_else(|| StoreError::Connect("the pool is closed".into()))?;
        let pool = self.pool.clone();
        let description = self.description.clone();
        block_on(runtime.spawn(async move { pool.get().await }))?
            .map_err(|e| StoreError::Connect(format!("{description}: {}", with_causes(&e))))
    }

    /// The URL it connects to (with any password: never for messages).
    #[cfg(test)]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The server, port and database, without user or password.
    pub fn describe(&self) -> String {
        self.description.clone()
    }

    /// Applies every step of [`STEPS`] the database has not had, in one transaction, under
    /// an advisory lock so processes starting together migrate once.
    fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.get()?;
        let transaction = block_on(client.transaction())?;
        block_on(transaction.batch_execute(&format!(
            "SELECT pg_advisory_xact_lock({MIGRATION_LOCK});
             CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);"
        )))?;
        let done: i64 = block_on(
            transaction.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]),
        )?
        .get(0);
        if done > STEPS.len() as i64 {
            return Err(StoreError::Refused(format!(
                "the database's schema (version {done}) is newer than this server knows \
                 (version {}): run the newer server, or restore a backup",
                STEPS.len()
            )));
        }
        for (index, step) in STEPS.iter().enumerate().skip(done.max(0) as usize) {
            block_on(transaction.batch_execute(&with_byte_order_collation(step)))?;
            block_on(transaction.execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[&(index as i64 + 1)],
            ))?;
        }
        block_on(transaction.commit())?;
        Ok(())
    }
}

/// An error with what caused it, down to the first cause ("… TLS handshake: invalid peer
/// certificate: UnknownIssuer"), each said once.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        let text = next.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        cause = next.source();
    }
    message
}

/// Text compares byte by byte, as on SQLite, whatever collation the database was made with
/// (pages list names in the same order on both backends).
fn with_byte_order_collation(ddl: &str) -> String {
    ddl.replace(" TEXT", " TEXT COLLATE \"C\"")
}

fn describe(config: &tokio_postgres::Config, encrypted: bool) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|host| match host {
            tokio_postgres::config::Host::Tcp(name) => name.clone(),
            tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let database = config.get_dbname().unwrap_or("(default database)");
    let tls = if encrypted { " over TLS" } else { "" };
    format!("PostgreSQL {host}:{port}/{database}{tls}")
}

/// The schema, one step per change, oldest first: append, never edit. Step 1 is the whole
/// schema as SQLite's migrations left it at the time PostgreSQL was added; every later
/// change is made on both backends (`schema_tests` compares them).
pub const STEPS: &[&str] = &[
    "
    CREATE TABLE enrolment_codes (
        code_hash     TEXT PRIMARY KEY,
        site          TEXT NOT NULL,
        neighbourhood TEXT NOT NULL,
        created_at    BIGINT NOT NULL,
        expires_at    BIGINT NOT NULL,
        used_at       BIGINT,
        used_by       TEXT
    );
    CREATE TABLE kiosks (
        kiosk_id         TEXT PRIMARY KEY,
        token_hash       TEXT NOT NULL UNIQUE,
        site             TEXT NOT NULL,
        neighbourhood    TEXT NOT NULL,
        software_version TEXT NOT NULL,
        enrolled_at      BIGINT NOT NULL,
        last_seen_at     BIGINT,
        last_heartbeat   TEXT,
        clock_offset     BIGINT,
        device_key       TEXT,
        last_counter     BIGINT NOT NULL DEFAULT 0,
        state            TEXT NOT NULL DEFAULT 'active',
        records_received BIGINT NOT NULL DEFAULT 0,
        revoked_at       BIGINT,
        clock_flagged    BIGINT NOT NULL DEFAULT 0
    );
    -- Raw events, partitioned by the UTC month of their hour (Unix seconds): retention drops
    -- whole months (partitions.rs); months without a partition yet land in the default one.
    -- The key includes the hour, as partitioning requires; a record is still stored once per
    -- (kiosk, seq) by the records table.
    CREATE TABLE events (
        kiosk_id    TEXT NOT NULL REFERENCES kiosks(kiosk_id),
        seq         BIGINT NOT NULL,
        session     TEXT NOT NULL,
        hour        BIGINT NOT NULL,
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, seq, hour)
    ) PARTITION BY RANGE (hour);
    CREATE TABLE events_default PARTITION OF events DEFAULT;
    CREATE TABLE records (
        kiosk_id    TEXT NOT NULL REFERENCES kiosks(kiosk_id),
        seq         BIGINT NOT NULL,
        hash        BYTEA NOT NULL,
        kind        TEXT NOT NULL,
        body        BYTEA NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
    );
    CREATE TABLE conflicts (
        kiosk_id     TEXT NOT NULL,
        seq          BIGINT NOT NULL,
        stored_hash  BYTEA NOT NULL,
        offered_hash BYTEA NOT NULL,
        offered_body BYTEA NOT NULL,
        at           BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, seq, offered_hash)
    );
    CREATE TABLE requests (
        kiosk_id    TEXT NOT NULL,
        seq         BIGINT NOT NULL,
        reference   TEXT NOT NULL,
        form        TEXT NOT NULL,
        topic       TEXT NOT NULL,
        answers     TEXT NOT NULL,
        sealed      BYTEA,
        hour        BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'received',
        status_at   BIGINT,
        phrase      TEXT,
        message     TEXT,
        erased_at   BIGINT,
        PRIMARY KEY (kiosk_id, seq)
    );
    CREATE INDEX requests_by_reference ON requests (reference);
    CREATE INDEX requests_by_received ON requests (received_at);
    CREATE TABLE feedback (
        kiosk_id       TEXT NOT NULL,
        seq            BIGINT NOT NULL,
        kind           TEXT NOT NULL,
        subject        TEXT NOT NULL,
        answers        TEXT NOT NULL,
        sealed_comment BYTEA,
        hour           BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
    );
    CREATE TABLE learner_progress (
        learner_code TEXT NOT NULL,
        module       TEXT NOT NULL,
        steps_done   TEXT NOT NULL,
        best_score   BIGINT,
        passed       BIGINT NOT NULL,
        updated_at   BIGINT NOT NULL,
        PRIMARY KEY (learner_code, module)
    );
    CREATE TABLE sync_log (
        id       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        at       BIGINT NOT NULL,
        what     TEXT NOT NULL,
        records  BIGINT NOT NULL,
        bytes    BIGINT NOT NULL,
        outcome  TEXT NOT NULL
    );
    CREATE INDEX sync_log_kiosk ON sync_log (kiosk_id, id);
    CREATE FUNCTION sync_log_keep_small() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM sync_log
        WHERE kiosk_id = NEW.kiosk_id
          AND id < (SELECT id FROM sync_log WHERE kiosk_id = NEW.kiosk_id
                    ORDER BY id DESC LIMIT 1 OFFSET 999);
        RETURN NULL;
    END $$;
    CREATE TRIGGER sync_log_keep_small AFTER INSERT ON sync_log
        FOR EACH ROW EXECUTE FUNCTION sync_log_keep_small();
    CREATE TABLE neighbourhoods (
        name           TEXT PRIMARY KEY,
        population     BIGINT NOT NULL,
        offline_share  DOUBLE PRECISION,
        opening_hours  TEXT NOT NULL,
        default_locale TEXT NOT NULL,
        imported_at    BIGINT NOT NULL
    );
    CREATE TABLE boundaries (
        neighbourhood TEXT PRIMARY KEY,
        geometry      TEXT NOT NULL,
        imported_at   BIGINT NOT NULL
    );
    CREATE TABLE sites (
        site          TEXT PRIMARY KEY,
        neighbourhood TEXT NOT NULL
    );
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE rollup (
        month    TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        counter  TEXT NOT NULL,
        dim      TEXT NOT NULL,
        n        BIGINT NOT NULL,
        PRIMARY KEY (month, kiosk_id, counter, dim)
    );
    CREATE TABLE session_marks (
        kiosk_id TEXT NOT NULL,
        session  TEXT NOT NULL,
        mark     TEXT NOT NULL,
        value    TEXT NOT NULL,
        seq      BIGINT NOT NULL,
        month    TEXT NOT NULL,
        hour     BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, session, mark)
    );
    CREATE INDEX session_marks_hour ON session_marks (hour);
    CREATE TABLE staff_users (
        name          TEXT PRIMARY KEY,
        role          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at    BIGINT NOT NULL,
        disabled      BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE staff_user_sites (
        name TEXT NOT NULL REFERENCES staff_users(name) ON DELETE CASCADE,
        site TEXT NOT NULL,
        PRIMARY KEY (name, site)
    );
    CREATE TABLE staff_user_forms (
        name TEXT NOT NULL REFERENCES staff_users(name) ON DELETE CASCADE,
        form TEXT NOT NULL,
        PRIMARY KEY (name, form)
    );
    CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        name       TEXT NOT NULL REFERENCES staff_users(name) ON DELETE CASCADE,
        csrf       TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
    );
    CREATE TABLE audit_log (
        id     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        at     BIGINT NOT NULL,
        name   TEXT NOT NULL,
        role   TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE login_attempts (
        name     TEXT NOT NULL,
        address  TEXT NOT NULL,
        failures BIGINT NOT NULL,
        last_at  BIGINT NOT NULL,
        PRIMARY KEY (name, address)
    );
    CREATE INDEX login_attempts_address ON login_attempts (address);
    CREATE INDEX login_attempts_last_at ON login_attempts (last_at);
    CREATE TABLE privacy_ledger (
        id      BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        year    BIGINT NOT NULL,
        at      BIGINT NOT NULL,
        release TEXT NOT NULL,
        epsilon DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE noisy_releases (
        release TEXT PRIMARY KEY,
        body    TEXT NOT NULL
    );
    CREATE TABLE rollup_stamps (
        month      TEXT PRIMARY KEY,
        generation BIGINT NOT NULL
    );
    CREATE TABLE session_tallies (
        kiosk_id TEXT NOT NULL,
        session  TEXT NOT NULL,
        tally    TEXT NOT NULL,
        n        BIGINT NOT NULL,
        hour     BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, session, tally)
    );
    CREATE TABLE request_updates (
        id       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        seq      BIGINT NOT NULL,
        at       BIGINT NOT NULL,
        name     TEXT NOT NULL,
        status   TEXT NOT NULL,
        phrase   TEXT,
        message  TEXT
    );
    CREATE INDEX request_updates_by_request ON request_updates (kiosk_id, seq);
    CREATE TABLE open311_keys (
        name       TEXT PRIMARY KEY,
        key_hash   TEXT NOT NULL UNIQUE,
        personal   BIGINT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL
    );
    CREATE TABLE open311_key_scope (
        name  TEXT NOT NULL REFERENCES open311_keys(name) ON DELETE CASCADE,
        kind  TEXT NOT NULL CHECK (kind IN ('form', 'site')),
        value TEXT NOT NULL,
        PRIMARY KEY (name, kind, value)
    );
    CREATE TABLE open311_targets (
        name  TEXT PRIMARY KEY,
        since BIGINT NOT NULL
    );
    CREATE TABLE open311_pushes (
        target             TEXT NOT NULL,
        kiosk_id           TEXT NOT NULL,
        seq                BIGINT NOT NULL,
        attempts           BIGINT NOT NULL DEFAULT 0,
        next_attempt_at    BIGINT NOT NULL DEFAULT 0,
        last_error         TEXT,
        service_request_id TEXT,
        sent_at            BIGINT,
        city_status        TEXT,
        PRIMARY KEY (target, kiosk_id, seq)
    );
    CREATE INDEX open311_pushes_due ON open311_pushes (target, next_attempt_at)
        WHERE service_request_id IS NULL;
    CREATE TABLE digests_sent (
        form TEXT NOT NULL,
        day  BIGINT NOT NULL,
        PRIMARY KEY (form, day)
    );
    CREATE TABLE kiosk_moves (
        kiosk_id      TEXT NOT NULL REFERENCES kiosks(kiosk_id),
        moved_at      BIGINT NOT NULL,
        site          TEXT NOT NULL,
        neighbourhood TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, moved_at)
    );
    CREATE TABLE published_months (
        month        TEXT PRIMARY KEY,
        figures      TEXT NOT NULL,
        epsilon      DOUBLE PRECISION,
        released_at  BIGINT,
        published_at BIGINT NOT NULL
    );
",
    "
    CREATE TABLE request_lookups (
        kiosk_id TEXT PRIMARY KEY,
        minute   BIGINT NOT NULL,
        count    BIGINT NOT NULL
    );
",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_url("postgres://city:s3cret@db.example:5432/kiosks"),
            "postgres://city:…@db.example:5432/kiosks"
        );
        assert_eq!(
            redact_url("postgres://db.example/kiosks?user=city&password=s3cret&sslmode=require"),
            "postgres://db.example/kiosks?user=city&password=…&sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://city@db/kiosks"),
            "postgres://city@db/kiosks"
        );
    }

    /// On the PostgreSQL pass: turns TLS on in the test cluster (which `scripts/test` made and
    /// throws away; it must be on this machine) with a certificate from a certificate
    /// authority of the test's own, then connects over TLS trusting that authority, is refused
    /// when trusting another, and still connects in plain text when the URL asks for no TLS.
    /// TLS is turned off again at the end.
    #[test]
    fn tls_to_the_database_checks_its_certificate() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        let Ok(admin_url) = std::env::var(super::super::test_support::POSTGRES_VARIABLE) else {
            return Ok(());
        };
        let make_authority = || -> Result<_, rcgen::Error> {
            let key = rcgen::KeyPair::generate()?;
            let mut params = rcgen::CertificateParams::new(Vec::<String>::new())?;
            params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, "Test city database CA");
            let certificate = params.self_signed(&key)?;
            Ok((params, key, certificate))
        };
        let (authority_params, authority_key, authority) = make_authority()?;
        let (_, _, stranger) = make_authority()?;
        let server_key = rcgen::KeyPair::generate()?;
        let server = rcgen::CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()])?
            .signed_by(
            &server_key,
            &rcgen::Issuer::from_params(&authority_params, &authority_key),
        )?;

        // The files go into the cluster's own directory (on this machine: scripts/test made
        // it), owned by the cluster's user, the key mode 0600 as PostgreSQL requires.
        let admin = Pool::connect_without_schema(&admin_url)?;
        let client = admin.get()?;
        let data: String = block_on(client.query_one("SHOW data_directory", &[]))?.get(0);
        let owner = std::fs::metadata(&data)?;
        for (name, pem) in [
            ("test-tls.crt", server.pem()),
            ("test-tls.key", server_key.serialize_pem()),
        ] {
            let path = std::path::Path::new(&data).join(name);
            std::fs::write(&path, pem)?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
            std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid()))?;
        }
        for setting in [
            "ALTER SYSTEM SET ssl_cert_file = 'test-tls.crt'",
            "ALTER SYSTEM SET ssl_key_file = 'test-tls.key'",
            "ALTER SYSTEM SET ssl = on",
            "SELECT pg_reload_conf()",
        ] {
            block_on(client.batch_execute(setting))?;
        }
        // The cluster is left as it was, whatever the test finds.
        struct TlsOff(Pool);
        impl Drop for TlsOff {
            fn drop(&mut self) {
                if let Ok(client) = self.0.get() {
                    for setting in [
                        "ALTER SYSTEM RESET ssl",
                        "ALTER SYSTEM RESET ssl_cert_file",
                        "ALTER SYSTEM RESET ssl_key_file",
                        "SELECT pg_reload_conf()",
                    ] {
                        let _ = block_on(client.batch_execute(setting));
                    }
                }
            }
        }
        let _restore = TlsOff(Pool::connect_without_schema(&admin_url)?);
        let joiner = if admin_url.contains('?') { '&' } else { '?' };

        let dir = tempfile::tempdir()?;
        let (trusted, untrusted) = (dir.path().join("ca.pem"), dir.path().join("other.pem"));
        std::fs::write(&trusted, authority.pem())?;
        std::fs::write(&untrusted, stranger.pem())?;
        let encrypted = |url: &str| -> Result<bool, StoreError> {
            let pool = Pool::connect_without_schema(url)?;
            let client = pool.get()?;
            let row = block_on(client.query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            ))?;
            Ok(row.get(0))
        };
        let tls_url = format!(
            "{admin_url}{joiner}sslmode=verify-full&sslrootcert={}",
            trusted.display()
        );
        // The server takes the new settings a moment after the reload.
        let mut tries = 0;
        let over_tls = loop {
            match encrypted(&tls_url) {
                Ok(answer) => break answer,
                Err(_) if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(error) => return Err(error.into()),
            }
        };
        assert!(over_tls, "the connection is encrypted");
        assert!(
            Pool::connect_without_schema(&tls_url)?
                .describe()
                .ends_with(" over TLS")
        );

        let refused = encrypted(&format!(
            "{admin_url}{joiner}sslmode=verify-full&sslrootcert={}",
            untrusted.display()
        ));
        match refused {
            Err(StoreError::Connect(message)) => {
                assert!(message.contains("certificate"), "{message}")
            }
            other => panic!("a server whose certificate nobody trusted was used: {other:?}"),
        }
        assert!(!encrypted(&admin_url)?, "no sslmode: plain, as before");
        Ok(())
    }

    #[test]
    fn text_compares_byte_by_byte_in_every_table() {
        let ddl = with_byte_order_collation(STEPS[0]);
        assert!(ddl.contains("name           TEXT COLLATE \"C\" PRIMARY KEY"));
        assert!(!ddl.contains(" TEXT NOT NULL,\n"));
    }
}
