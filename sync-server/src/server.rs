//! Binding, serving and stopping: `run(listener, …, shutdown)` is what `serve` and the tests
//! both call, so tests start a real HTTPS server on port 0.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;
use tower_http::trace::TraceLayer;

use crate::{AppState, ServerError, api, staff};

/// How long open connections get to finish after shutdown is asked for.
const GRACE_PERIOD: Duration = Duration::from_secs(5);

/// The whole HTTP application: API, staff pages, Open311, request tracing.
pub fn app(state: AppState) -> Router {
    api::router()
        .merge(staff::router())
        .merge(crate::open311::routes())
        .with_state(state)
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// A request's span names its route pattern (`/api/v2/learners/{code}/progress`), never the
/// path itself: a learner code or an upload id must not reach a log.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    tracing::debug_span!("request", method = %request.method(), route = %route)
}

/// Binds the listening socket, turning the usual failures into sentences.
pub fn bind(address: SocketAddr) -> Result<std::net::TcpListener, ServerError> {
    let listener = std::net::TcpListener::bind(address)
        .map_err(|source| ServerError::Bind { address, source })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| ServerError::Bind { address, source })?;
    Ok(listener)
}

/// Serves HTTPS on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn run(
    listener: std::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    // Abandoned uploads expire, so staging cannot fill the disk.
    let staging = state.staging.clone();
    let sweeper = tokio::spawn(async move {
        let mut every = tokio::time::interval(STAGING_SWEEP_INTERVAL);
        loop {
            every.tick().await;
            let staging = staging.clone();
            let removed =
                tokio::task::spawn_blocking(move || staging.sweep(std::time::SystemTime::now()))
                    .await
                    .unwrap_or(0);
            if removed > 0 {
                tracing::info!(removed, "expired unfinished uploads");
            }
        }
    });
    // Raw events past the retention period go once a day (the roll-ups keep counting them),
    // and so do residents' personal fields a set time after their request closed.
    let (store, retention) = (state.store.clone(), state.retention_days);
    let personal_data = state.personal_data.clone();
    let pruner = tokio::spawn(async move {
        let mut every = tokio::time::interval(PRUNE_INTERVAL);
        loop {
            every.tick().await;
            // One process of several sharing the database does this.
            let Some(_lock) = store.job_lock("retention").await else {
                continue;
            };
            // On PostgreSQL, raw events have a partition per month: this month's and the next
            // two are made ahead, and any month waiting in the default one gets its own.
            match store
                .call(|store| store.prepare_event_partitions(crate::clock::now(), 2))
                .await
            {
                Ok(made) if !made.is_empty() => {
                    tracing::info!(?made, "made monthly partitions of raw events")
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "cannot make monthly partitions; will try again")
                }
            }
            let days = personal_data.clone();
            match store
                .call(move |store| store.erase_personal_fields(&days, crate::clock::now()))
                .await
            {
                Ok(0) => {}
                Ok(erased) => tracing::info!(erased, "erased personal fields of closed requests"),
                Err(error) => {
                    tracing::warn!(%error, "cannot erase old personal fields; will try again")
                }
            }
            let cutoff = crate::clock::now() - i64::try_from(retention).unwrap_or(90) * 86_400;
            match store
                .call(move |store| store.prune_raw_events(cutoff))
                .await
            {
                Ok(0) => {}
                Ok(deleted) => {
                    tracing::info!(deleted, "deleted raw events past the retention period")
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot delete old raw events; will try again")
                }
            }
        }
    });
    // New requests go to the city's own case systems, and their statuses come back.
    let pushers: Vec<_> = state
        .open311_push
        .iter()
        .cloned()
        .map(|target| {
            tokio::spawn(crate::open311_push::run(
                state.store.clone(),
                state.sealing.clone(),
                target,
            ))
        })
        .collect();
    // The daily email digest of requests, per form.
    let digest = state
        .digest
        .clone()
        .map(|settings| tokio::spawn(crate::digest::run(state.store.clone(), (*settings).clone())));
    // The dashboard's latest months are computed once at start, so the first visitor does
    // not wait. Each month has the cache's time limit, and shutting down stops it at once.
    let (store, figures) = (state.store.clone(), state.figures.clone());
    let warmer = tokio::spawn(async move {
        let warmed = store
            .call(move |store| {
                let months = store.rollup_months()?;
                let now = crate::clock::now();
                let mut done = 0;
                for month in months.iter().rev().take(WARM_MONTHS) {
                    match figures.month(store, month, now) {
                        Ok(_) => done += 1,
                        Err(crate::metrics::MetricsError::Interrupted(why)) => {
                            tracing::warn!(%month, reason = %why, "figures not computed at start");
                            break;
                        }
                        Err(error) => {
                            tracing::warn!(%month, %error, "figures not computed at start")
                        }
                    }
                }
                Ok(done)
            })
            .await;
        match warmed {
            Ok(months) => tracing::debug!(months, "figures computed"),
            Err(error) => tracing::warn!(%error, "cannot compute figures at start"),
        }
    });
    // The city's certificate files are watched: a renewal is served without a restart, and
    // the announced fingerprint follows it.
    let watcher = state.certificates.clone().map(|certificates| {
        let data_dir = state.data_dir.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(CERTIFICATE_CHECK_INTERVAL);
            loop {
                every.tick().await;
                let (certificates, data_dir) = (certificates.clone(), data_dir.clone());
                let checked = tokio::task::spawn_blocking(move || {
                    let changed = certificates.reload_if_changed()?;
                    if changed
                        && let Ok(dir) = crate::DataDir::open(&data_dir)
                        && let Some(mut announcement) = dir.announcement()
                    {
                        announcement.fingerprint = certificates.announced();
                        let _ = dir.write_announcement(&announcement);
                    }
                    Ok::<_, crate::tls::TlsError>(changed.then(|| certificates.fingerprint()))
                })
                .await;
                match checked {
                    Ok(Ok(Some(fingerprint))) => {
                        tracing::info!(%fingerprint, "certificate files changed: now serving the new certificate")
                    }
                    Ok(Ok(None)) => {}
                    Ok(Err(error)) => tracing::warn!(%error, "the certificate files changed but cannot be used; still serving the previous certificate"),
                    Err(error) => tracing::warn!(%error, "the certificate check stopped"),
                }
            }
        })
    });
    let handle: Handle<SocketAddr> = Handle::new();
    let stopper = handle.clone();
    let cache = state.figures.clone();
    tokio::spawn(async move {
        shutdown.await;
        // Long computations stop now rather than keep the process alive.
        cache.stop();
        stopper.graceful_shutdown(Some(GRACE_PERIOD));
    });
    // TCP_NODELAY: small answers (pages, acknowledgements) go out at once instead of waiting
    // for the client's delayed acknowledgement (40 ms on Linux).
    let acceptor = axum_server::tls_rustls::RustlsAcceptor::new(RustlsConfig::from_config(tls))
        .acceptor(axum_server::accept::NoDelayAcceptor::new());
    let served = axum_server::from_tcp(listener)
        .map_err(ServerError::Serve)?
        .acceptor(acceptor)
        .handle(handle)
        .serve(app(state).into_make_service_with_connect_info::<SocketAddr>())
        .await
        .map_err(ServerError::Serve);
    sweeper.abort();
    pruner.abort();
    warmer.abort();
    for pusher in pushers {
        pusher.abort();
    }
    if let Some(digest) = digest {
        digest.abort();
    }
    if let Some(watcher) = watcher {
        watcher.abort();
    }
    served
}

/// How often the certificate files are looked at for a renewal.
const CERTIFICATE_CHECK_INTERVAL: Duration = Duration::from_secs(30);

/// How many of the latest months are computed at start.
const WARM_MONTHS: usize = 6;

/// How often raw events past the retention period are deleted.
const PRUNE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// How often unfinished uploads are checked for expiry.
const STAGING_SWEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(600);
