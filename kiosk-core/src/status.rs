//! `kiosk status`: enrolment, records waiting and the last sync attempt, for people and scripts.

use std::fmt;

use serde::Serialize;

use crate::data_dir::DataDir;
use crate::store::{StoreError, SyncAttempt};

/// What the kiosk knows about its own state.
#[derive(Debug, Clone, Serialize)]
pub struct KioskStatus {
    /// The data directory.
    pub data_dir: String,
    /// True once enrolled with a server.
    pub enrolled: bool,
    /// The server's name for this kiosk.
    pub kiosk_id: Option<String>,
    /// Where it stands.
    pub site: Option<String>,
    /// The site's neighbourhood.
    pub neighbourhood: Option<String>,
    /// The server it syncs with.
    pub server_url: Option<String>,
    /// The pinned certificate fingerprint.
    pub fingerprint: Option<String>,
    /// Records not yet acknowledged by the server.
    pub records_waiting: u64,
    /// Records the server refused as conflicts (their content was queued again).
    pub records_in_conflict: u64,
    /// Bytes of records put on the wire since midnight UTC.
    pub bytes_sent_today: u64,
    /// The server's clock minus this kiosk's at the last successful sync, in seconds.
    pub clock_offset_seconds: Option<i64>,
    /// The content version installed (0: the built-in sample).
    pub content_version: u64,
    /// The kiosk software version running (the installed package's).
    pub software_version: String,
    /// Where a software update stands, if one is under way or just happened.
    pub update: Option<wire::UpdateStatus>,
    /// The most recent sync attempt.
    pub last_attempt: Option<AttemptView>,
    /// When a sync last succeeded (RFC 3339).
    pub last_success_at: Option<String>,
    /// The staff PIN: `none`, `argon2id`, or `old-hash` (set by an earlier version, perhaps
    /// with fewer than 6 digits: change it with `kiosk admin set-pin`).
    pub staff_pin: &'static str,
    /// How many staff cards open staff mode.
    pub staff_cards: usize,
    /// Wrong staff tries in a row (PINs and scanned codes that are not staff cards).
    pub staff_failures: u32,
    /// Until when staff sign-in is locked after wrong tries (RFC 3339), if it is.
    pub staff_locked_until: Option<String>,
}

/// One ledger entry, for display.
#[derive(Debug, Clone, Serialize)]
pub struct AttemptView {
    /// When it ended (RFC 3339).
    pub at: String,
    /// Whether everything waiting was delivered.
    pub succeeded: bool,
    /// Records delivered.
    pub sent: u64,
    /// What happened, in plain words.
    pub message: String,
}

impl KioskStatus {
    /// Reads the status from the kiosk's database.
    pub fn read(data_dir: &DataDir) -> Result<KioskStatus, StoreError> {
        let store = data_dir.open_store()?;
        let enrolment = store.enrolment()?;
        let view = |attempt: SyncAttempt| AttemptView {
            at: rfc3339(attempt.finished_at),
            succeeded: attempt.succeeded,
            sent: attempt.sent,
            message: attempt.message,
        };
        let staff = store.staff_access()?;
        let lockout = store.staff_lockout()?;
        Ok(KioskStatus {
            data_dir: data_dir.path().display().to_string(),
            enrolled: enrolment.is_some(),
            kiosk_id: enrolment.as_ref().map(|e| e.kiosk_id.clone()),
            site: enrolment.as_ref().map(|e| e.site.clone()),
            neighbourhood: enrolment.as_ref().map(|e| e.neighbourhood.clone()),
            server_url: enrolment.as_ref().map(|e| e.server_url.clone()),
            fingerprint: enrolment.as_ref().map(|e| e.fingerprint.clone()),
            records_waiting: store.unsent_count()?,
            records_in_conflict: store.refused_count()?,
            bytes_sent_today: store
                .bytes_sent_since(crate::clock::now().div_euclid(86_400) * 86_400)?,
            clock_offset_seconds: store.last_successful_sync()?.map(|a| a.clock_offset),
            content_version: crate::content_dir::ContentDir::new(data_dir.path()).current_version(),
            software_version: crate::updates::running_version(),
            update: crate::updates::UpdateDir::new(data_dir.path())
                .state()
                .status,
            last_attempt: store.last_sync_attempt()?.map(view),
            last_success_at: store
                .last_successful_sync()?
                .map(|a| rfc3339(a.finished_at)),
            staff_pin: match (staff.pin_is_set(), staff.pin_has_old_hash()) {
                (false, _) => "none",
                (true, false) => "argon2id",
                (true, true) => "old-hash",
            },
            staff_cards: staff.card_count(),
            staff_failures: lockout.failures,
            staff_locked_until: lockout
                .is_locked(crate::clock::now())
                .then(|| rfc3339(lockout.locked_until)),
        })
    }
}

impl fmt::Display for KioskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Data directory:   {}", self.data_dir)?;
        match (
            &self.kiosk_id,
            &self.site,
            &self.neighbourhood,
            &self.server_url,
        ) {
            (Some(id), Some(site), Some(neighbourhood), Some(url)) => {
                writeln!(
                    f,
                    "Enrolment:        enrolled as {id} at {site} ({neighbourhood})"
                )?;
                writeln!(f, "Server:           {url}")?;
            }
            _ => writeln!(
                f,
                "Enrolment:        not enrolled (records stay on this kiosk until it is)"
            )?,
        }
        writeln!(f, "Records waiting:  {}", self.records_waiting)?;
        if self.records_in_conflict > 0 {
            writeln!(
                f,
                "Conflicts:        {} record(s) the server holds differently (sent again under new numbers)",
                self.records_in_conflict
            )?;
        }
        writeln!(f, "Sent today:       {} bytes", self.bytes_sent_today)?;
        match self.content_version {
            0 => writeln!(f, "Content:          the built-in sample")?,
            version => writeln!(f, "Content:          version {version} from the server")?,
        }
        writeln!(f, "Software:         {}", self.software_version)?;
        if let Some(update) = &self.update {
            writeln!(f, "Update:           {}", crate::updates::describe(update))?;
        }
        if let Some(offset) = self.clock_offset_seconds {
            writeln!(
                f,
                "Clock:            {}",
                match offset {
                    -5..=5 => "in step with the server".to_owned(),
                    ahead if ahead < 0 => format!("{} s ahead of the server", -ahead),
                    behind => format!("{behind} s behind the server"),
                }
            )?;
        }
        match &self.last_attempt {
            Some(attempt) => writeln!(
                f,
                "Last sync:        {} — {}: {}",
                attempt.at,
                if attempt.succeeded {
                    "succeeded"
                } else {
                    "failed"
                },
                attempt.message
            )?,
            None => writeln!(f, "Last sync:        never attempted")?,
        }
        match &self.last_success_at {
            Some(at) => writeln!(f, "Last success:     {at}")?,
            None => writeln!(f, "Last success:     never")?,
        }
        let pin = match self.staff_pin {
            "none" => "no PIN (set one with `kiosk admin set-pin`)",
            "old-hash" => {
                "PIN set by an earlier version, perhaps shorter than 6 digits: set a new one with `kiosk admin set-pin`"
            }
            _ => "PIN set",
        };
        write!(
            f,
            "Staff access:     {pin}; {} staff card(s)",
            self.staff_cards
        )?;
        match &self.staff_locked_until {
            Some(until) => write!(
                f,
                "\nStaff sign-in:    locked until {until} after {} wrong tries",
                self.staff_failures
            ),
            None if self.staff_failures > 0 => write!(
                f,
                "\nStaff sign-in:    {} wrong tries since the last success",
                self.staff_failures
            ),
            None => Ok(()),
        }
    }
}

fn rfc3339(unix_seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix_seconds.to_string())
}
