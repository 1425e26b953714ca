//! `sync-server serve`.

use std::net::SocketAddr;

use crate::{Announcement, AppState, DataDir};

pub fn serve(
    data_dir: &DataDir,
    (listen, public_url): (SocketAddr, Option<String>),
    access: crate::AccessSettings,
    settings: crate::SyncSettings,
) -> anyhow::Result<()> {
    if let Some(url) = &public_url {
        anyhow::ensure!(
            url.starts_with("https://")
                && url.len() > "https://".len()
                && !url.contains(char::is_whitespace),
            "--public-url must be an https:// address, e.g. https://kiosks.city.example:8443"
        );
    }
    let store = data_dir.open_store()?;
    let state = AppState::new(store, data_dir, settings)?.with_access(access);
    let names = certificate_names(listen);
    let identity = data_dir.tls_identity(&names)?;
    let tls = identity.server_config()?;
    let listener = crate::bind(listen)?;
    let bound = listener.local_addr()?;
    let url = match public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None if bound.ip().is_unspecified() => {
            // Every interface: name this machine (the certificate carries its name).
            let host = names.get(3).cloned().unwrap_or_else(|| "localhost".into());
            format!("https://{host}:{}", bound.port())
        }
        None => format!("https://{bound}"),
    };
    let fingerprint = identity.fingerprint();
    data_dir.write_announcement(&Announcement {
        url: url.clone(),
        fingerprint: fingerprint.clone(),
    })?;

    println!("Sync server is running.");
    println!("  Kiosk API:      {url}/");
    println!("  Staff web:      {url}/staff/   (add logins with: sync-server users add)");
    println!("  API reference:  {url}{}", wire::paths::OPENAPI);
    println!("  Certificate SHA-256 fingerprint: {fingerprint}");
    println!("  Data directory: {}", data_dir.path().display());
    println!("Enrol a kiosk with: sync-server enrol --site NAME --neighbourhood NAME");
    println!("Press Ctrl-C to stop.");

    let runtime = tokio::runtime::Runtime::new()?;
    let served = runtime.block_on(crate::run(listener, tls, state, shutdown_signal()));
    // Work still running on the blocking pool (a long query) must not hold the exit up.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    served?;
    println!("Sync server stopped.");
    Ok(())
}

/// Who may reach what: trusted proxies, the `/metrics` allow-list and its token (from a file
/// or `SYNC_SERVER_METRICS_TOKEN`; only its hash is kept).
pub fn access_settings(
    trusted_proxies: Vec<std::net::IpAddr>,
    metrics_allow: Vec<ipnet::IpNet>,
    token_file: Option<&std::path::Path>,
) -> anyhow::Result<crate::AccessSettings> {
    use anyhow::Context as _;
    let token =
        match token_file {
            Some(path) => Some(std::fs::read_to_string(path).with_context(|| {
                format!("cannot read the metrics token from {}", path.display())
            })?),
            None => std::env::var("SYNC_SERVER_METRICS_TOKEN").ok(),
        };
    let token = token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    if let Some(token) = &token {
        anyhow::ensure!(
            token.len() >= 16,
            "the metrics token must be at least 16 characters long"
        );
    }
    Ok(crate::AccessSettings {
        trusted_proxies,
        metrics_allow,
        metrics_token_hash: token.map(|t| crate::credentials::token_hash(&t)),
    })
}

/// The names the certificate is issued for: loopback, this host, and the listen address.
fn certificate_names(listen: SocketAddr) -> Vec<String> {
    let mut names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    if !listen.ip().is_unspecified() && !listen.ip().is_loopback() {
        names.push(listen.ip().to_string());
    }
    if let Ok(host) = std::fs::read_to_string("/etc/hostname") {
        let host = host.trim();
        if !host.is_empty() && !names.iter().any(|n| n == host) {
            names.push(host.to_owned());
        }
    }
    names
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {},
                    _ = terminate.recv() => {},
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("shutting down");
}
