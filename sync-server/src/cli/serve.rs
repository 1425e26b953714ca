//! `sync-server serve`: its options (flags over the configuration file), the certificate it
//! presents, and running until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::certificates::{CertificateSource, ServedCertificates};
use crate::{Announcement, AppState, DataDir};

/// `serve`'s options. Each may also come from the configuration file; a flag wins.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8443]. Use 0.0.0.0:8443 to accept
    /// kiosks from the network.
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// The address kiosks use to reach this server, e.g. https://kiosks.city.example:8443.
    /// It is printed and goes into enrolment tickets. Default: the listen address, or this
    /// machine's name when listening on every interface (0.0.0.0).
    #[arg(long)]
    public_url: Option<String>,
    /// The city's own certificate chain (PEM, leaf first), e.g. from Let's Encrypt, instead
    /// of the self-signed one made in the data directory. Re-read when the file changes.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The private key of --tls-cert (PEM). Re-read when the file changes.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// The certificate a TLS-terminating proxy in front of this server presents to kiosks
    /// (PEM; repeat for more). Kiosks are told it is genuine; re-read when it changes.
    #[arg(long = "public-certificate", value_name = "FILE")]
    public_certificates: Vec<PathBuf>,
    /// Hours an unfinished upload is kept before it is deleted [default: 24].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=24 * 30))]
    staging_ttl_hours: Option<u64>,
    /// Where unfinished uploads wait [default: staging/ in the data directory]. Server
    /// processes behind one load balancer must share it (a directory on a shared disk), so a
    /// kiosk's next chunk may reach any of them.
    #[arg(long, value_name = "DIR")]
    staging_dir: Option<PathBuf>,
    /// Uploads stored at the same time; kiosks beyond this are told to retry later (HTTP 503
    /// with Retry-After) [default: 8].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    max_concurrent_ingests: Option<u64>,
    /// Days raw events are kept; older ones are deleted once a day (the monthly roll-ups keep
    /// counting them) [default: 90].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=3650))]
    retention_days: Option<u64>,
    /// Days a resident's personal fields (name, phone…) are kept on the server once their
    /// request is closed; then they are erased and the anonymous request stays for the
    /// figures. Per form in the configuration file's [personal_data_days_per_form] [default: 30].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=3650))]
    personal_data_days: Option<u64>,
    /// A reverse proxy in front of this server (repeat for more): its X-Forwarded-For header
    /// then names the real client, for login throttling and --metrics-allow.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Networks that may read /metrics without a token (repeat for more) [default:
    /// 127.0.0.0/8 and ::1/128].
    #[arg(long = "metrics-allow", value_name = "CIDR")]
    metrics_allow: Vec<ipnet::IpNet>,
    /// A file holding a bearer token that opens /metrics from anywhere (e.g. for a
    /// Prometheus elsewhere); SYNC_SERVER_METRICS_TOKEN works too.
    #[arg(long, value_name = "FILE")]
    metrics_token_file: Option<PathBuf>,
}

/// A list from the command line, else the file's.
fn pick<T: Clone>(flag: Vec<T>, from_file: &[T]) -> Vec<T> {
    if flag.is_empty() {
        from_file.to_vec()
    } else {
        flag
    }
}

/// Everything `serve` runs with, flags and file merged.
#[derive(Debug)]
pub struct ServeSettings {
    listen: SocketAddr,
    public_url: Option<String>,
    tls_files: Option<(PathBuf, PathBuf)>,
    public_certificates: Vec<PathBuf>,
    access: crate::AccessSettings,
    sync: crate::SyncSettings,
}

impl ServeArgs {
    /// The settings: each flag, else the file's value, else the default.
    pub fn resolve(self, file: &super::config::ServerConfig) -> anyhow::Result<ServeSettings> {
        let default_listen = SocketAddr::from(([127, 0, 0, 1], 8443));
        let tls_files = match (
            self.tls_cert.or_else(|| file.tls_cert.clone()),
            self.tls_key.or_else(|| file.tls_key.clone()),
        ) {
            (Some(cert), Some(key)) => Some((cert, key)),
            (None, None) => None,
            _ => anyhow::bail!(
                "tls_cert and tls_key go together: give both, or neither for the self-signed certificate"
            ),
        };
        let metrics_allow = if self.metrics_allow.is_empty() {
            file.metrics_allow
                .clone()
                .unwrap_or_else(|| crate::AccessSettings::default().metrics_allow)
        } else {
            self.metrics_allow
        };
        let defaults = crate::SyncSettings::default();
        let range = |name: &str, value: u64, low: u64, high: u64| {
            anyhow::ensure!(
                (low..=high).contains(&value),
                "{name} must be {low} to {high}, not {value}"
            );
            Ok(value)
        };
        let staging_ttl_hours = match self.staging_ttl_hours.or(file.staging_ttl_hours) {
            Some(hours) => range("staging_ttl_hours", hours, 1, 24 * 30)?,
            None => defaults.staging_ttl.as_secs() / 3600,
        };
        let max_concurrent_ingests =
            match self.max_concurrent_ingests.or(file.max_concurrent_ingests) {
                Some(n) => range("max_concurrent_ingests", n, 1, 1024)?,
                None => defaults.max_concurrent_ingests as u64,
            };
        let retention_days = match self.retention_days.or(file.retention_days) {
            Some(days) => range("retention_days", days, 1, 3650)?,
            None => defaults.retention_days,
        };
        let personal_data_days = match self.personal_data_days.or(file.personal_data_days) {
            Some(days) => range("personal_data_days", days, 1, 3650)?,
            None => crate::store::requests::DEFAULT_PERSONAL_DATA_DAYS,
        };
        let mut per_form = std::collections::BTreeMap::new();
        for (form, days) in &file.personal_data_days_per_form {
            per_form.insert(
                form.clone(),
                range(
                    &format!("personal_data_days_per_form.{form}"),
                    *days,
                    1,
                    3650,
                )?,
            );
        }
        let public_url = self.public_url.or_else(|| file.public_url.clone());
        let digest = match &file.digest {
            Some(digest) => {
                Some(digest.settings(public_url.as_deref().unwrap_or("https://localhost:8443"))?)
            }
            None => None,
        };
        Ok(ServeSettings {
            listen: self.listen.or(file.listen).unwrap_or(default_listen),
            public_url,
            tls_files,
            public_certificates: pick(self.public_certificates, &file.public_certificates),
            access: access_settings(
                pick(self.trusted_proxies, &file.trusted_proxies),
                metrics_allow,
                self.metrics_token_file
                    .or_else(|| file.metrics_token_file.clone())
                    .as_deref(),
            )?,
            sync: crate::SyncSettings {
                staging_ttl: std::time::Duration::from_secs(staging_ttl_hours * 3600),
                staging_dir: self.staging_dir.or_else(|| file.staging_dir.clone()),
                max_concurrent_ingests: usize::try_from(max_concurrent_ingests).unwrap_or(8),
                retention_days,
                personal_data: crate::store::requests::PersonalDataDays {
                    default: personal_data_days,
                    per_form,
                },
                open311_push: file
                    .open311_push
                    .iter()
                    .map(super::config::PushTargetConfig::target)
                    .collect::<anyhow::Result<_>>()?,
                digest,
            },
        })
    }
}

pub fn serve(data_dir: &DataDir, settings: ServeSettings) -> anyhow::Result<()> {
    let ServeSettings {
        listen,
        public_url,
        tls_files,
        public_certificates,
        access,
        sync,
    } = settings;
    if let Some(url) = &public_url {
        anyhow::ensure!(
            url.starts_with("https://")
                && url.len() > "https://".len()
                && !url.contains(char::is_whitespace),
            "--public-url must be an https:// address, e.g. https://kiosks.city.example:8443"
        );
    }
    let names = certificate_names(listen);
    let source = match tls_files {
        Some((cert, key)) => CertificateSource::Files { cert, key },
        None => CertificateSource::SelfSigned {
            dir: data_dir.path().join("tls"),
            names: names.clone(),
        },
    };
    let certificates = ServedCertificates::load(source, public_certificates)?;
    let tls = certificates.server_config()?;
    let store = data_dir.open_store()?;
    let state = AppState::new(store, data_dir, sync)?
        .with_access(access)
        .with_certificates(certificates.clone());
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
    let fingerprint = certificates.announced();
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
