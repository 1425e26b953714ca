//! `/staff/content`: the published content version, which kiosks run which version, and a
//! form to publish a new bundle (a .tar.gz of a content folder, optionally with a `locales/`
//! folder of UI translations beside `bundle.toml`). The bundle is checked exactly as
//! `sync-server content publish` checks it.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::auth::{Staff, tr_for};
use super::gate::{Allowed, Publishes};
use super::i18n::Tr;
use super::layout;
use super::upload;
use crate::metrics::breakdowns::Domain;
use crate::{AppState, api::ApiFailure, clock};

/// The largest bundle accepted, compressed and unpacked.
const MAX_UPLOAD_MB: usize = 100;
const MAX_UNPACKED_BYTES: u64 = 400 * 1024 * 1024;

enum Outcome {
    Published(String),
    Problem(String),
}

/// A kiosk's software as the page lists it: its version, and its update if one is moving.
fn software_of(tr: &Tr, kiosk: &crate::store::FleetKiosk) -> (String, String) {
    let Some(heartbeat) = kiosk.heartbeat.as_ref() else {
        return (tr.t("content-unknown"), String::new());
    };
    let update = heartbeat
        .update
        .as_ref()
        .map(|u| update_words(tr, u))
        .unwrap_or_default();
    (heartbeat.software_version.clone(), update)
}

/// An update status in the reader's language.
pub fn update_words(tr: &Tr, update: &wire::UpdateStatus) -> String {
    tr.ta(
        &format!("update-{}", update.state.replace('_', "-")),
        &[
            ("version", update.version.clone().into()),
            ("detail", update.detail.clone().into()),
        ],
    )
}

pub async fn page(
    State(state): State<AppState>,
    staff: Allowed<Publishes>,
    headers: HeaderMap,
) -> Response {
    render(&state, &staff, tr_for(&headers), None).await
}

async fn render(state: &AppState, staff: &Staff, tr: Tr, outcome: Option<Outcome>) -> Response {
    let shelf = state.content.clone();
    let releases = state.releases.clone();
    let loaded = state
        .store
        .call(move |store| {
            Ok((
                store.fleet()?,
                shelf.current_version().unwrap_or(0),
                releases.list().unwrap_or_default(),
            ))
        })
        .await;
    let (fleet, published, releases) = match loaded {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let mut by_version: BTreeMap<Option<u64>, Vec<String>> = BTreeMap::new();
    for kiosk in &fleet {
        by_version
            .entry(kiosk.heartbeat.as_ref().map(|h| h.content_version))
            .or_default()
            .push(format!("{} ({})", kiosk.place.kiosk_id, kiosk.place.site));
    }
    let status = if matches!(outcome, Some(Outcome::Problem(_))) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let title = tr.t("content-title");
    let body = html! {
        h1 { (title) }
        @match &outcome {
            Some(Outcome::Published(message)) => { p class="panel ok" role="status" { (message) } }
            Some(Outcome::Problem(message)) => { div class="panel" role="alert" { p class="problem" { (tr.t("publish-refused")) } pre { (message) } } }
            None => {}
        }
        p { (tr.ta("content-published", &[("version", (published as i64).into())])) }
        table {
            caption { (tr.t("content-versions-caption")) }
            thead { tr { th scope="col" { (tr.t("content-version")) } th scope="col" class="n" { (tr.t("kiosks")) } th scope="col" { (tr.t("which")) } } }
            tbody {
                @for (version, kiosks) in by_version.iter().rev() {
                    tr {
                        th scope="row" { @match version { Some(0) => (tr.t("content-builtin")), Some(v) => (v), None => (tr.t("content-unknown")) } }
                        td class="n" { (kiosks.len()) }
                        td { (kiosks.join(", ")) }
                    }
                }
            }
        }
        h2 { (tr.t("publish-heading")) }
        (upload::form(staff, "/staff/content/publish", "bundle-file", &tr.t("publish-file"), ".tar.gz,.tgz,.tar,application/gzip,application/x-tar", "bundle-hint", &tr.t("publish-submit")))
        p id="bundle-hint" class="hint" { (tr.t("publish-hint")) }
        section aria-labelledby="software-heading" {
            h2 id="software-heading" { (tr.t("release-heading")) }
            @match releases.last() {
                Some(latest) => { p { (tr.ta("release-latest", &[("version", latest.version.clone().into()), ("count", (releases.len() as i64).into())])) } }
                None => { p { (tr.t("release-none")) } }
            }
            table {
                caption { (tr.t("release-caption")) }
                thead { tr { th scope="col" { (tr.t("kiosk")) } th scope="col" { (tr.t("software-version")) } th scope="col" { (tr.t("software-update")) } } }
                tbody {
                    @for kiosk in &fleet {
                        @let (version, update) = software_of(&tr, kiosk);
                        tr {
                            th scope="row" { code { (kiosk.place.kiosk_id) } " (" (kiosk.place.site) ")" }
                            td { (version) }
                            td { (update) }
                        }
                    }
                }
            }
            (upload::form(staff, "/staff/content/release", "release-file", &tr.t("release-file"), ".deb,application/vnd.debian.binary-package", "release-hint", &tr.t("release-submit")))
            p id="release-hint" class="hint" { (tr.t("release-hint")) }
        }
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/content", body),
    )
        .into_response()
}

pub async fn publish(
    State(state): State<AppState>,
    staff: Allowed<Publishes>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let tr = tr_for(&headers);
    let upload = match upload::accept(
        multipart,
        MAX_UPLOAD_MB,
        &staff,
        tr,
        staff.role().publishes(),
    )
    .await
    {
        Ok(upload) => upload,
        Err(upload::Rejected::Unreadable(message)) => {
            return render(&state, &staff, tr, Some(Outcome::Problem(message))).await;
        }
        Err(upload::Rejected::Refused(response)) => return response,
    };
    let shelf = state.content.clone();
    let work = state
        .data_dir
        .join(format!("upload-{:016x}", rand::random::<u64>()));
    let (who, role, file) = (
        staff.user.name.clone(),
        staff.role(),
        upload.filename.clone(),
    );
    let store = state.store.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let result = unpack(&upload.bytes, &work).and_then(|root| {
            let locales = [root.join("locales"), work.join("locales")]
                .into_iter()
                .find(|p| p.is_dir());
            let manifest = shelf
                .publish(&root, locales.as_deref(), clock::now())
                .map_err(|e| e.to_string())?;
            // Its topics, modules and forms get rows in every month from now on.
            if let Ok(bundle) = content::Bundle::load_dir(&root)
                && let Err(error) = Domain::remember(&store, &bundle)
            {
                tracing::error!(%error, "cannot note the published content's breakdowns");
            }
            Ok(manifest)
        });
        let _ = std::fs::remove_dir_all(&work);
        let manifest = result?;
        let _ = store.audit(
            &who,
            role,
            "publish_content",
            &format!("version {} from {file}", manifest.version),
            clock::now(),
        );
        Ok::<_, String>(manifest)
    })
    .await;
    let outcome = match outcome {
        Ok(Ok(manifest)) => Outcome::Published(tr.ta(
            "publish-done",
            &[
                ("version", (manifest.version as i64).into()),
                ("files", (manifest.files.len() as i64).into()),
            ],
        )),
        Ok(Err(message)) => Outcome::Problem(message),
        Err(join) => Outcome::Problem(join.to_string()),
    };
    render(&state, &staff, tr, Some(outcome)).await
}

/// Unpacks a .tar or .tar.gz into `work` (regular files and folders only, nothing outside it,
/// within a size limit) and returns the folder holding `bundle.toml`.
fn unpack(bytes: &[u8], work: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(work).map_err(|e| format!("cannot unpack the upload: {e}"))?;
    let reader: Box<dyn std::io::Read> = if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::GzDecoder::new(bytes))
    } else {
        Box::new(bytes)
    };
    let mut archive = tar::Archive::new(reader.take(MAX_UNPACKED_BYTES + 1));
    let mut total = 0u64;
    let entries = archive
        .entries()
        .map_err(|e| format!("not a .tar or .tar.gz archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("the archive is damaged: {e}"))?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            continue;
        }
        total += entry.size();
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "the bundle unpacks to more than {} MB",
                MAX_UNPACKED_BYTES / 1024 / 1024
            ));
        }
        entry
            .unpack_in(work)
            .map_err(|e| format!("cannot unpack the upload: {e}"))?;
    }
    if work.join("bundle.toml").is_file() {
        return Ok(work.to_owned());
    }
    let folders: Vec<PathBuf> = std::fs::read_dir(work)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("bundle.toml").is_file())
        .collect();
    match folders.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err("the archive has no bundle.toml (at its top or in one folder)".into()),
    }
}

/// Publishes a kiosk package uploaded on the page (city staff and admins; audited).
pub async fn publish_release(
    State(state): State<AppState>,
    staff: Allowed<Publishes>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let tr = tr_for(&headers);
    let upload = match upload::accept(
        multipart,
        MAX_UPLOAD_MB,
        &staff,
        tr,
        staff.role().publishes(),
    )
    .await
    {
        Ok(upload) => upload,
        Err(upload::Rejected::Unreadable(message)) => {
            return render(&state, &staff, tr, Some(Outcome::Problem(message))).await;
        }
        Err(upload::Rejected::Refused(response)) => return response,
    };
    let (keys, releases, store) = (
        state.content.clone(),
        state.releases.clone(),
        state.store.clone(),
    );
    let work = state
        .data_dir
        .join(format!("upload-{:016x}.deb", rand::random::<u64>()));
    let (who, role) = (staff.user.name.clone(), staff.role());
    let outcome = tokio::task::spawn_blocking(move || {
        let result = std::fs::write(&work, &upload.bytes)
            .map_err(|e| format!("cannot keep the upload: {e}"))
            .and_then(|()| {
                releases
                    .publish(&keys, &work, clock::now())
                    .map_err(|e| e.to_string())
            });
        let _ = std::fs::remove_file(&work);
        let release = result?;
        let _ = store.audit(
            &who,
            role,
            "publish_release",
            &release.version,
            clock::now(),
        );
        Ok::<_, String>(release)
    })
    .await;
    let outcome = match outcome {
        Ok(Ok(release)) => {
            Outcome::Published(tr.ta("release-done", &[("version", release.version.into())]))
        }
        Ok(Err(message)) => Outcome::Problem(message),
        Err(join) => Outcome::Problem(join.to_string()),
    };
    render(&state, &staff, tr, Some(outcome)).await
}
