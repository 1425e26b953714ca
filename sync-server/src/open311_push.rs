//! Pushing residents' requests to a city's own case system over Open311 GeoReport v2, and
//! pulling their statuses back. Each configured target takes some forms (each with the city's
//! service code): every new request of those forms is POSTed to the target's
//! `requests.json`, retried with exponential backoff while the city cannot take it, and sent
//! exactly once: the request's reference goes as the `Idempotency-Key` header (and as
//! `attribute[x_reference]`), so a city system that saw a try whose answer was lost answers it
//! again instead of filing a copy, and once the city's `service_request_id` is stored the
//! request is never sent again. On a schedule the statuses of the requests the city holds are
//! read back (`GET requests.json?service_request_id=…`); a request the city closed is
//! resolved here, which residents then see at any kiosk.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use crate::sealing::SealingKey;
use crate::store::open311_pushes::{DuePush, PushedRequest};
use crate::store::{Store, StoreError};

/// How far back each round looks for new requests beyond the previous round's start.
const QUEUE_MARGIN_SECONDS: i64 = 600;
/// Requests pushed in one round, at most.
const PUSH_BATCH: u32 = 50;
/// Ids asked about in one status read (GeoReport takes them comma-separated).
const PULL_BATCH: usize = 50;
/// The longest wait between two tries of one request.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// How long one call to the city may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// An answer from the city is read up to this size.
const MAX_ANSWER_BYTES: usize = 1 << 20;

/// A city system that takes requests of some forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushTarget {
    /// A short name, in logs, the request history (`open311:NAME`) and the store.
    pub name: String,
    /// The GeoReport v2 base URL, ending in `/` (`https://crm.city.example/open311/v2/`).
    pub endpoint: String,
    /// The API key the city gave this server.
    pub api_key: String,
    /// Form id → the city's service code for it.
    pub services: BTreeMap<String, String>,
    /// Whether the resident's personal fields (name, phone, email, location, details) go
    /// too. Without them the city gets the request's anonymous answers only.
    pub personal: bool,
    /// GeoReport's `jurisdiction_id`, for cities that need one.
    pub jurisdiction_id: Option<String>,
    /// A certificate (PEM) to trust besides the system's, for a city's private authority.
    pub ca_certificate: Option<PathBuf>,
    /// Waiting requests are looked at this often.
    pub push_every: Duration,
    /// Statuses are read back this often.
    pub pull_every: Duration,
    /// The wait after a first failed try; it doubles with each failure, up to an hour.
    pub retry_base: Duration,
}

/// Why a target cannot be used, or a call failed.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The target is misconfigured.
    #[error("Open311 target {name}: {reason}")]
    Config {
        /// The target's name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// The city could not be reached or refused the call.
    #[error("{0}")]
    Call(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PushTarget {
    /// Checks what can be checked before the first call.
    pub fn validate(&self) -> Result<(), PushError> {
        let problem = |reason: &str| PushError::Config {
            name: self.name.clone(),
            reason: reason.into(),
        };
        if !self.endpoint.starts_with("https://") || !self.endpoint.ends_with('/') {
            return Err(problem(
                "endpoint must be an https:// address ending in /, e.g. https://crm.city.example/open311/v2/",
            ));
        }
        if self.services.is_empty() {
            return Err(problem("it takes no forms: add [open311_push.services]"));
        }
        if self.api_key.trim().is_empty() {
            return Err(problem("its API key is empty"));
        }
        if self.name.is_empty()
            || !self
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(problem("name must be letters, digits and dashes"));
        }
        Ok(())
    }

    /// The HTTPS client: the system's certificate authorities and the target's own.
    fn client(&self) -> Result<reqwest::Client, PushError> {
        let problem = |reason: String| PushError::Config {
            name: self.name.clone(),
            reason,
        };
        let mut roots = rustls::RootCertStore::empty();
        for certificate in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(certificate);
        }
        if let Some(path) = &self.ca_certificate {
            use rustls::pki_types::pem::PemObject as _;
            let certificates = rustls::pki_types::CertificateDer::pem_file_iter(path)
                .and_then(|found| found.collect::<Result<Vec<_>, _>>())
                .map_err(|e| problem(format!("cannot read {}: {e}", path.display())))?;
            for certificate in certificates {
                roots
                    .add(certificate)
                    .map_err(|e| problem(format!("{}: {e}", path.display())))?;
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| problem(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(CALL_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| problem(e.to_string()))
    }
}

/// The wait before try `attempts + 1` after `attempts` failures: the base doubled each time,
/// up to an hour, never less than a second.
pub fn backoff(base: Duration, attempts: u32) -> Duration {
    let doubled = base.saturating_mul(1u32.checked_shl(attempts.min(20)).unwrap_or(u32::MAX));
    doubled.clamp(Duration::from_secs(1), MAX_BACKOFF)
}

/// Pushes and pulls for `target` until the task is dropped.
pub async fn run(store: Store, sealing: Arc<SealingKey>, target: PushTarget) {
    let client = match target.validate().and_then(|()| target.client()) {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "Open311 push is off for this target");
            return;
        }
    };
    let target = Arc::new(target);
    let mut queue_from = {
        let name = target.name.clone();
        match store
            .call(move |store| store.open311_target_since(&name, crate::clock::now()))
            .await
        {
            Ok(since) => since,
            Err(error) => {
                tracing::error!(%error, target = %target.name, "Open311 push cannot start");
                return;
            }
        }
    };
    let mut push = tokio::time::interval(target.push_every);
    let mut pull = tokio::time::interval(target.pull_every);
    push.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    pull.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = push.tick() => {
                // One process of several sharing the database pushes to each target.
                let Some(_lock) = store.job_lock(format!("open311-push:{}", target.name)).await else {
                    continue;
                };
                if let Err(error) = push_round(&store, &sealing, &client, &target, &mut queue_from).await {
                    tracing::warn!(%error, target = %target.name, "Open311 push round failed; will try again");
                }
            }
            _ = pull.tick() => {
                let Some(_lock) = store.job_lock(format!("open311-pull:{}", target.name)).await else {
                    continue;
                };
                if let Err(error) = pull_round(&store, &client, &target).await {
                    tracing::warn!(%error, target = %target.name, "cannot read statuses back from the city; will try again");
                }
            }
        }
    }
}

/// Queues new requests and sends those due.
async fn push_round(
    store: &Store,
    sealing: &Arc<SealingKey>,
    client: &reqwest::Client,
    target: &Arc<PushTarget>,
    queue_from: &mut i64,
) -> Result<(), PushError> {
    // Requests that arrived since the last round are queued (the first round looks back to
    // when the target was configured); a margin covers ingests still running then.
    let round_start = crate::clock::now();
    let since = *queue_from;
    let (name, forms) = (
        target.name.clone(),
        target.services.keys().cloned().collect::<Vec<_>>(),
    );
    let due = store
        .call(move |store| {
            store.queue_open311_pushes(&name, &forms, since)?;
            store.due_open311_pushes(&name, crate::clock::now(), PUSH_BATCH)
        })
        .await?;
    *queue_from = since.max(round_start - QUEUE_MARGIN_SECONDS);
    for item in due {
        let form = push_form(sealing, target, &item);
        let outcome = send(client, target, &item.request.summary.reference, &form).await;
        let (name, kiosk_id, seq) = (target.name.clone(), item.kiosk_id.clone(), item.seq);
        let reference = item.request.summary.reference.clone();
        match outcome {
            Ok(id) => {
                tracing::info!(target = %target.name, %reference, service_request_id = %id, "request taken by the city's system");
                store
                    .call(move |store| {
                        store.open311_push_sent(&name, &kiosk_id, seq, &id, crate::clock::now())
                    })
                    .await?;
            }
            Err(error) => {
                let wait = backoff(target.retry_base, item.attempts);
                tracing::warn!(target = %target.name, %reference, attempts = item.attempts + 1, retry_in_s = wait.as_secs(), %error, "the city's system did not take a request");
                let next = crate::clock::now() + i64::try_from(wait.as_secs()).unwrap_or(3600);
                let message = error.to_string();
                store
                    .call(move |store| {
                        store.open311_push_failed(&name, &kiosk_id, seq, &message, next)
                    })
                    .await?;
            }
        }
    }
    Ok(())
}

/// The POST's fields for one request: GeoReport's names, the reference as an attribute, and
/// the personal fields only when the target may have them (each opening audited).
fn push_form(sealing: &SealingKey, target: &PushTarget, item: &DuePush) -> Vec<(String, String)> {
    let summary = &item.request.summary;
    let mut form = vec![
        ("api_key".to_owned(), target.api_key.clone()),
        (
            "service_code".to_owned(),
            target
                .services
                .get(&summary.form)
                .cloned()
                .unwrap_or_else(|| summary.form.clone()),
        ),
        (
            "attribute[x_reference]".to_owned(),
            summary.reference.clone(),
        ),
        ("attribute[x_site]".to_owned(), summary.site.clone()),
        (
            "attribute[x_neighbourhood]".to_owned(),
            summary.neighbourhood.clone(),
        ),
    ];
    if let Some(jurisdiction) = &target.jurisdiction_id {
        form.push(("jurisdiction_id".into(), jurisdiction.clone()));
    }
    let mut description = crate::store::requests::one_line(&item.request.answers);
    if target.personal
        && summary.erased_at.is_none()
        && let Some(sealed) = &item.request.sealed
        && let Ok(personal) = sealing.open_fields(sealed)
    {
        for (field, value) in personal {
            match field.as_str() {
                // The whole name as the resident typed it: names do not split the same way
                // in every culture.
                "name" => form.push(("first_name".into(), value)),
                "phone" => form.push(("phone".into(), value)),
                "email" => form.push(("email".into(), value)),
                "location" => form.push(("address_string".into(), value)),
                _ => {
                    if !description.is_empty() {
                        description.push_str("; ");
                    }
                    description.push_str(&format!("{field}: {value}"));
                }
            }
        }
    }
    form.push(("description".into(), description));
    form
}

/// One POST; the city's id for the request, or why there is none.
async fn send(
    client: &reqwest::Client,
    target: &PushTarget,
    reference: &str,
    form: &[(String, String)],
) -> Result<String, PushError> {
    let url = format!("{}requests.json", target.endpoint);
    let body = call(
        client
            .post(&url)
            .header("Idempotency-Key", reference)
            .form(form),
        &url,
    )
    .await?;
    #[derive(Deserialize)]
    struct Created {
        service_request_id: Option<String>,
        token: Option<String>,
    }
    let created: Vec<Created> = serde_json::from_slice(&body).map_err(|e| {
        PushError::Call(format!(
            "{url} answered with something else than GeoReport JSON: {e}"
        ))
    })?;
    match created.into_iter().next() {
        Some(Created {
            service_request_id: Some(id),
            ..
        }) if !id.is_empty() && id.len() <= 200 => Ok(id),
        // Some systems give a token first and the id later; until then the request counts as
        // not taken (the same reference is sent again, which the key makes harmless).
        Some(Created { token: Some(_), .. }) => Err(PushError::Call(format!(
            "{url} gave a token but no service_request_id yet"
        ))),
        _ => Err(PushError::Call(format!("{url} gave no service_request_id"))),
    }
}

/// Reads statuses of the requests the city holds that are open here.
async fn pull_round(
    store: &Store,
    client: &reqwest::Client,
    target: &Arc<PushTarget>,
) -> Result<(), PushError> {
    let name = target.name.clone();
    let open = store
        .call(move |store| store.open311_pushed_open(&name, 1000))
        .await?;
    for chunk in open.chunks(PULL_BATCH) {
        let ids: Vec<&str> = chunk
            .iter()
            .map(|p| p.service_request_id.as_str())
            .collect();
        let joined = ids.join(",");
        let mut query = vec![
            ("api_key", target.api_key.as_str()),
            ("service_request_id", joined.as_str()),
        ];
        if let Some(jurisdiction) = &target.jurisdiction_id {
            query.push(("jurisdiction_id", jurisdiction));
        }
        let url = format!("{}requests.json", target.endpoint);
        let body = call(client.get(&url).query(&query), &url).await?;
        #[derive(Deserialize)]
        struct Held {
            service_request_id: Option<String>,
            status: Option<String>,
        }
        let held: Vec<Held> = serde_json::from_slice(&body)
            .map_err(|e| PushError::Call(format!("{url}: not GeoReport JSON: {e}")))?;
        let by_id: BTreeMap<String, String> = held
            .into_iter()
            .filter_map(|h| Some((h.service_request_id?, h.status?)))
            .filter(|(_, status)| status == "open" || status == "closed")
            .collect();
        let updates: Vec<(PushedRequest, String)> = chunk
            .iter()
            .filter_map(|pushed| {
                let status = by_id.get(&pushed.service_request_id)?;
                (pushed.city_status.as_deref() != Some(status))
                    .then(|| (pushed.clone(), status.clone()))
            })
            .collect();
        if updates.is_empty() {
            continue;
        }
        let name = target.name.clone();
        let changed = store
            .call(move |store| {
                let now = crate::clock::now();
                let mut changed = 0;
                for (pushed, status) in &updates {
                    if store.open311_city_status(&name, pushed, status, now)? {
                        changed += 1;
                    }
                }
                Ok(changed)
            })
            .await?;
        if changed > 0 {
            tracing::info!(target = %target.name, changed, "statuses read back from the city");
        }
    }
    Ok(())
}

/// Sends a call to the city and reads its answer (up to 1 MiB); an answer other than 2xx is
/// an error carrying GeoReport's description, if it gave one.
async fn call(request: reqwest::RequestBuilder, url: &str) -> Result<Vec<u8>, PushError> {
    let response = request
        .send()
        .await
        .map_err(|e| PushError::Call(format!("cannot reach {url}: {}", without_url(&e))))?;
    let status = response.status();
    let body = read_limited(response).await?;
    if !status.is_success() {
        return Err(PushError::Call(format!(
            "{url} answered {status}: {}",
            first_error(&body).unwrap_or_default()
        )));
    }
    Ok(body)
}

async fn read_limited(mut response: reqwest::Response) -> Result<Vec<u8>, PushError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| PushError::Call(format!("the answer broke off: {}", without_url(&e))))?
    {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(PushError::Call("the answer is larger than 1 MiB".into()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// GeoReport's error description, if the body is one.
fn first_error(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct GeoError {
        description: Option<String>,
    }
    let errors: Vec<GeoError> = serde_json::from_slice(body).ok()?;
    errors
        .into_iter()
        .next()?
        .description
        .map(|d| d.chars().take(200).collect())
}

/// A reqwest error without its URL (which carries the API key in a pull's query).
fn without_url(error: &reqwest::Error) -> String {
    let mut error = error.to_string();
    if let Some(start) = error.find(" for url (") {
        error.truncate(start);
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_base_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (0..9).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(base, u32::MAX), MAX_BACKOFF);
        assert_eq!(backoff(Duration::ZERO, 0), Duration::from_secs(1));
    }

    #[test]
    fn targets_are_checked_before_any_call() {
        let good = PushTarget {
            name: "city-crm".into(),
            endpoint: "https://crm.city.example/open311/v2/".into(),
            api_key: "k".into(),
            services: [("callback".to_owned(), "CB".to_owned())].into(),
            personal: false,
            jurisdiction_id: None,
            ca_certificate: None,
            push_every: Duration::from_secs(60),
            pull_every: Duration::from_secs(900),
            retry_base: Duration::from_secs(30),
        };
        assert!(good.validate().is_ok());
        for bad in [
            PushTarget {
                endpoint: "http://crm.city.example/open311/v2/".into(),
                ..good.clone()
            },
            PushTarget {
                endpoint: "https://crm.city.example/open311/v2".into(),
                ..good.clone()
            },
            PushTarget {
                services: BTreeMap::new(),
                ..good.clone()
            },
            PushTarget {
                api_key: " ".into(),
                ..good.clone()
            },
            PushTarget {
                name: "a b".into(),
                ..good.clone()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }
}
