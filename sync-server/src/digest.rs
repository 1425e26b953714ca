//! The daily email digest of residents' requests, per form, for the people who handle them
//! (optional: `[digest]` in `server.toml`). Once a day, at a set hour (UTC), each configured
//! form's recipients get one message: how many requests arrived in the last 24 hours, how
//! many are still open and the oldest one's age, the new ones by reference, site and time,
//! and a link to the Requests page. Nothing a resident wrote is in it: the details stay
//! behind the case worker's login. Sent over SMTP with `lettre` (STARTTLS by default), once
//! per form and day even across restarts.

use std::collections::BTreeMap;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};

use crate::store::requests::{RequestFilter, RequestScope, RequestStatus};
use crate::store::{Store, StoreError};

/// New requests listed by reference in one digest, at most (the rest are counted).
const LISTED: usize = 50;
/// How often the sender looks at the clock.
const CHECK_EVERY: Duration = Duration::from_secs(60);

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, required (port 587).
    Starttls,
    /// TLS from the start (port 465).
    Tls,
    /// No encryption: only for a relay on this machine (127.0.0.1).
    None,
}

/// The digest's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestSettings {
    /// The mail server.
    pub smtp_host: String,
    /// Its port.
    pub smtp_port: u16,
    /// How the connection is protected.
    pub security: SmtpSecurity,
    /// Login and password, if the server wants them.
    pub credentials: Option<(String, String)>,
    /// The sender, e.g. `Kiosk requests <kiosks@city.example>`.
    pub from: String,
    /// The hour (UTC, 0–23) the digest goes.
    pub hour_utc: u8,
    /// The staff web's address, for the link to the Requests page.
    pub staff_url: String,
    /// Form id → recipients.
    pub forms: BTreeMap<String, Vec<String>>,
}

/// Why the digest cannot be set up or sent.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    /// A setting is wrong.
    #[error("digest: {0}")]
    Config(String),
    /// The mail server refused or could not be reached.
    #[error("cannot send the digest: {0}")]
    Send(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DigestSettings {
    /// Checks addresses, the hour and the relay before anything is sent.
    pub fn validate(&self) -> Result<(), DigestError> {
        self.from
            .parse::<Mailbox>()
            .map_err(|e| DigestError::Config(format!("from = {:?}: {e}", self.from)))?;
        for (form, recipients) in &self.forms {
            if recipients.is_empty() {
                return Err(DigestError::Config(format!(
                    "form {form} has no recipients"
                )));
            }
            for to in recipients {
                to.parse::<Mailbox>()
                    .map_err(|e| DigestError::Config(format!("{form}: {to:?}: {e}")))?;
            }
        }
        if self.hour_utc > 23 {
            return Err(DigestError::Config("hour_utc must be 0 to 23".into()));
        }
        if self.security == SmtpSecurity::None
            && !matches!(self.smtp_host.as_str(), "127.0.0.1" | "::1" | "localhost")
        {
            return Err(DigestError::Config(
                "security = \"none\" is only for a relay on this machine (127.0.0.1)".into(),
            ));
        }
        Ok(())
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, DigestError> {
        let send_error = |e: lettre::transport::smtp::Error| DigestError::Send(e.to_string());
        let builder = match self.security {
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.smtp_host)
                    .map_err(send_error)?
            }
            SmtpSecurity::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(&self.smtp_host).map_err(send_error)?
            }
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.smtp_host)
            }
        };
        let builder = builder
            .port(self.smtp_port)
            .timeout(Some(Duration::from_secs(30)));
        let builder = match &self.credentials {
            Some((user, password)) => {
                builder.credentials(Credentials::new(user.clone(), password.clone()))
            }
            None => builder,
        };
        Ok(builder.build())
    }
}

/// One form's digest: subject and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// The digest of `form` at `now`, from the store: counts, the new references, a link.
pub fn compose(store: &Store, form: &str, staff_url: &str, now: i64) -> Result<Digest, StoreError> {
    let scope = RequestScope::Forms {
        forms: vec![form.to_owned()],
        sites: Vec::new(),
    };
    let all = RequestFilter {
        form: Some(form.to_owned()),
        ..RequestFilter::default()
    };
    let rows = store.requests(&scope, &all, now, 10_000)?;
    let new: Vec<_> = rows
        .iter()
        .filter(|r| r.received_at > now - 86_400)
        .collect();
    let open: Vec<_> = rows.iter().filter(|r| !r.status.is_closed()).collect();
    let waiting = open
        .iter()
        .filter(|r| r.status == RequestStatus::Received)
        .count();
    let oldest_days = open
        .iter()
        .map(|r| (now - r.received_at).max(0) / 86_400)
        .max();
    let subject = format!(
        "Kiosk requests, {form}: {} new, {} open",
        new.len(),
        open.len()
    );
    let mut body = format!(
        "Residents' requests of the form \"{form}\" made at the city's kiosks.\n\n\
         New in the last 24 hours: {}\n\
         Open: {} ({waiting} not answered yet)\n",
        new.len(),
        open.len(),
    );
    if let Some(days) = oldest_days {
        body.push_str(&format!("Oldest open request: {days} days\n"));
    }
    if !new.is_empty() {
        body.push_str("\nNew requests (reference, site, received UTC):\n");
        for row in new.iter().take(LISTED) {
            body.push_str(&format!(
                "  {}  {}  {}\n",
                row.reference,
                row.site,
                crate::staff::format::rfc3339(row.received_at)
            ));
        }
        if new.len() > LISTED {
            body.push_str(&format!("  … and {} more\n", new.len() - LISTED));
        }
    }
    body.push_str(&format!(
        "\nOpen them, with the residents' details, on the Requests page:\n{}/staff/requests?form={}\n\n\
         This message holds no resident's details. It is sent once a day by the kiosk sync server.\n",
        staff_url.trim_end_matches('/'),
        form
    ));
    Ok(Digest { subject, body })
}

/// Sends `digest` to `recipients`.
pub async fn send(
    settings: &DigestSettings,
    recipients: &[String],
    digest: &Digest,
) -> Result<(), DigestError> {
    let config = |e: lettre::address::AddressError| DigestError::Config(e.to_string());
    let mut message = Message::builder()
        .from(settings.from.parse().map_err(config)?)
        .subject(digest.subject.clone());
    for to in recipients {
        message = message.to(to.parse().map_err(config)?);
    }
    let message = message
        .body(digest.body.clone())
        .map_err(|e| DigestError::Config(e.to_string()))?;
    settings
        .transport()?
        .send(message)
        .await
        .map_err(|e| DigestError::Send(e.to_string()))?;
    Ok(())
}

/// Sends each form's digest once a day at the set hour, until the task is dropped. A digest
/// that cannot be sent is tried again at the next check (every minute) while the day lasts.
pub async fn run(store: Store, settings: DigestSettings) {
    if let Err(error) = settings.validate() {
        tracing::error!(%error, "the daily digest is off");
        return;
    }
    let mut every = tokio::time::interval(CHECK_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let now = crate::clock::now();
        if now.rem_euclid(86_400) / 3600 != i64::from(settings.hour_utc) {
            continue;
        }
        let day = now.div_euclid(86_400);
        // One process of several sharing the database sends the digests.
        let Some(_lock) = store.job_lock("digest").await else {
            continue;
        };
        for (form, recipients) in &settings.forms {
            let (f, url) = (form.clone(), settings.staff_url.clone());
            let due = store
                .call(move |store| {
                    if store.digest_sent(&f, day)? {
                        return Ok(None);
                    }
                    compose(store, &f, &url, now).map(Some)
                })
                .await;
            let digest = match due {
                Ok(Some(digest)) => digest,
                Ok(None) => continue,
                Err(error) => {
                    tracing::warn!(%error, %form, "cannot put the daily digest together");
                    continue;
                }
            };
            match send(&settings, recipients, &digest).await {
                Ok(()) => {
                    tracing::info!(%form, recipients = recipients.len(), "daily digest sent");
                    let f = form.clone();
                    if let Err(error) = store
                        .call(move |store| store.mark_digest_sent(&f, day))
                        .await
                    {
                        tracing::warn!(%error, %form, "the digest went but could not be noted");
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, %form, "the daily digest could not be sent; will try again")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::execute;
    use std::io::{BufRead as _, BufReader, Write as _};

    /// A mail server that takes one message and hands over what it got.
    fn one_message_server() -> (u16, std::thread::JoinHandle<String>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
        let port = listener.local_addr().expect("address").port();
        let handle = std::thread::spawn(move || {
            let (stream, _) = listener.accept().expect("a client");
            let mut out = stream.try_clone().expect("clones");
            let mut lines = BufReader::new(stream);
            let mut got = String::new();
            let mut say = |text: &str| out.write_all(text.as_bytes()).expect("writes");
            say("220 test ESMTP\r\n");
            let mut in_data = false;
            loop {
                let mut line = String::new();
                if lines.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        say("250 queued\r\n");
                    } else {
                        got.push_str(&line);
                    }
                    continue;
                }
                got.push_str(&line);
                let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                match verb.as_str() {
                    "EHLO" => say("250-test\r\n250 8BITMIME\r\n"),
                    "DATA" => {
                        in_data = true;
                        say("354 go on\r\n");
                    }
                    "QUIT" => {
                        say("221 bye\r\n");
                        break;
                    }
                    _ => say("250 ok\r\n"),
                }
            }
            got
        });
        (port, handle)
    }

    fn add_request(store: &Store, seq: i64, reference: &str, form: &str, at: i64) {
        let added = execute(
            store,
            "INSERT INTO requests (kiosk_id, seq, reference, form, topic, answers, sealed, hour, received_at)
             VALUES ('k1', ?1, ?2, ?3, 't', '{}', ?5, 0, ?4)",
            crate::store::db::params![seq, reference, form, at, [1u8]],
        );
        assert_eq!(added, 1);
    }

    #[test]
    fn a_form_digest_counts_and_lists_requests_and_is_sent_over_smtp() {
        let (_dir, store) = crate::store::test_support::temp_store();
        execute(
            &store,
            "INSERT INTO kiosks (kiosk_id, token_hash, site, neighbourhood, software_version, enrolled_at)
             VALUES ('k1', 'k1', 'Old Town Library', 'Old Town', '0.1.0', 0)",
            &[],
        );
        let now = 100 * 86_400;
        add_request(&store, 1, "AAAA-0001", "callback", now - 3600);
        add_request(&store, 2, "AAAA-0002", "callback", now - 5 * 86_400);
        add_request(&store, 3, "AAAA-0003", "street-light", now - 60);
        let digest = compose(&store, "callback", "https://kiosks.city.example:8443/", now)
            .expect("composes");
        assert_eq!(digest.subject, "Kiosk requests, callback: 1 new, 2 open");
        assert!(
            digest.body.contains("AAAA-0001  Old Town Library"),
            "{}",
            digest.body
        );
        assert!(!digest.body.contains("AAAA-0002  "), "not new");
        assert!(!digest.body.contains("AAAA-0003"), "another form");
        assert!(digest.body.contains("Oldest open request: 5 days"));
        assert!(
            digest
                .body
                .contains("https://kiosks.city.example:8443/staff/requests?form=callback")
        );

        let (port, server) = one_message_server();
        let settings = DigestSettings {
            smtp_host: "127.0.0.1".into(),
            smtp_port: port,
            security: SmtpSecurity::None,
            credentials: None,
            from: "Kiosk requests <kiosks@city.example>".into(),
            hour_utc: 7,
            staff_url: "https://kiosks.city.example:8443".into(),
            forms: [(
                "callback".to_owned(),
                vec!["callbacks@city.example".to_owned()],
            )]
            .into(),
        };
        settings.validate().expect("valid");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime
            .block_on(send(&settings, &["callbacks@city.example".into()], &digest))
            .expect("sent");
        let got = server.join().expect("the server ran");
        assert!(got.contains("RCPT TO:<callbacks@city.example>"), "{got}");
        assert!(
            got.contains("Subject: Kiosk requests, callback: 1 new, 2 open"),
            "{got}"
        );
        assert!(got.contains("AAAA-0001"), "{got}");

        // Noted once per form and day.
        assert!(!store.digest_sent("callback", 100).expect("reads"));
        store.mark_digest_sent("callback", 100).expect("notes");
        assert!(store.digest_sent("callback", 100).expect("reads"));
        assert!(!store.digest_sent("callback", 101).expect("reads"));
    }

    #[test]
    fn settings_are_checked_before_anything_is_sent() {
        let good = DigestSettings {
            smtp_host: "mail.city.example".into(),
            smtp_port: 587,
            security: SmtpSecurity::Starttls,
            credentials: None,
            from: "kiosks@city.example".into(),
            hour_utc: 7,
            staff_url: "https://kiosks.city.example".into(),
            forms: [("callback".to_owned(), vec!["a@city.example".to_owned()])].into(),
        };
        assert!(good.validate().is_ok());
        for bad in [
            DigestSettings {
                from: "not an address".into(),
                ..good.clone()
            },
            DigestSettings {
                hour_utc: 24,
                ..good.clone()
            },
            DigestSettings {
                security: SmtpSecurity::None,
                ..good.clone()
            },
            DigestSettings {
                forms: [("callback".to_owned(), vec![])].into(),
                ..good.clone()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }
}
