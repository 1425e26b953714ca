//! The server's configuration file (`/etc/inclusion-sync-server/server.toml` by default):
//! every option of `serve`, and the data directory every command uses. Options given on the
//! command line win over the file. Unknown keys are refused with the file and line.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Deserialize;

/// Where the packaged server keeps its configuration.
pub const DEFAULT_PATH: &str = "/etc/inclusion-sync-server/server.toml";

/// The file's settings; every one optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// The data directory.
    pub data_dir: Option<PathBuf>,
    /// The database: a `postgres://` URL, or `sqlite` (the file in the data directory, the
    /// default).
    pub database_url: Option<String>,
    /// Address and port to listen on.
    pub listen: Option<SocketAddr>,
    /// The address kiosks use.
    pub public_url: Option<String>,
    /// The city's own certificate chain (PEM), instead of the self-signed one.
    pub tls_cert: Option<PathBuf>,
    /// Its private key (PEM).
    pub tls_key: Option<PathBuf>,
    /// Certificates kiosks see in front of this server (a TLS-terminating proxy's, PEM).
    #[serde(default)]
    pub public_certificates: Vec<PathBuf>,
    /// Hours an unfinished upload is kept.
    pub staging_ttl_hours: Option<u64>,
    /// Where unfinished uploads wait, shared by every server process.
    pub staging_dir: Option<PathBuf>,
    /// Uploads stored at the same time.
    pub max_concurrent_ingests: Option<u64>,
    /// Days raw events are kept.
    pub retention_days: Option<u64>,
    /// Days residents' personal fields are kept once their request is closed.
    pub personal_data_days: Option<u64>,
    /// The same, for some forms (form id = days).
    #[serde(default)]
    pub personal_data_days_per_form: std::collections::BTreeMap<String, u64>,
    /// Reverse proxies whose X-Forwarded-For is believed.
    #[serde(default)]
    pub trusted_proxies: Vec<IpAddr>,
    /// Networks that may read /metrics without a token.
    pub metrics_allow: Option<Vec<ipnet::IpNet>>,
    /// A file holding the /metrics bearer token.
    pub metrics_token_file: Option<PathBuf>,
    /// City case systems new requests are pushed to over Open311 (`[[open311_push]]`).
    #[serde(default)]
    pub open311_push: Vec<PushTargetConfig>,
    /// The daily email digest of requests per form (`[digest]`).
    pub digest: Option<DigestConfig>,
}

/// The `[digest]` table: the mail server and who gets which form's digest.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestConfig {
    /// The mail server.
    pub smtp_host: String,
    /// Its port (default 587, or 465 with `security = "tls"`).
    pub smtp_port: Option<u16>,
    /// `starttls` (default), `tls` or `none` (a relay on this machine only).
    pub security: Option<crate::digest::SmtpSecurity>,
    /// A login for the mail server, if it wants one.
    pub username: Option<String>,
    /// A file holding its password.
    pub password_file: Option<PathBuf>,
    /// The sender.
    pub from: String,
    /// The hour (UTC) the digest goes (default 7).
    pub hour_utc: Option<u8>,
    /// The staff web's address for the link (default: the server's public address).
    pub staff_url: Option<String>,
    /// Form id = list of recipients.
    pub forms: std::collections::BTreeMap<String, Vec<String>>,
}

impl DigestConfig {
    /// The settings, the password read from its file and everything checked.
    pub fn settings(&self, public_url: &str) -> anyhow::Result<crate::digest::DigestSettings> {
        let security = self
            .security
            .unwrap_or(crate::digest::SmtpSecurity::Starttls);
        let password = match &self.password_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .with_context(|| {
                        format!(
                            "digest: cannot read the SMTP password from {}",
                            path.display()
                        )
                    })?
                    .trim()
                    .to_owned(),
            ),
            None => None,
        };
        let credentials = match (&self.username, password) {
            (Some(user), Some(password)) => Some((user.clone(), password)),
            (None, None) => None,
            _ => anyhow::bail!("digest: give both username and password_file, or neither"),
        };
        let settings = crate::digest::DigestSettings {
            smtp_host: self.smtp_host.clone(),
            smtp_port: self.smtp_port.unwrap_or(match security {
                crate::digest::SmtpSecurity::Tls => 465,
                _ => 587,
            }),
            security,
            credentials,
            from: self.from.clone(),
            hour_utc: self.hour_utc.unwrap_or(7),
            staff_url: self
                .staff_url
                .clone()
                .unwrap_or_else(|| public_url.to_owned()),
            forms: self.forms.clone(),
        };
        settings.validate()?;
        Ok(settings)
    }
}

/// One `[[open311_push]]` table: where a city's Open311 endpoint is and which forms go there.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushTargetConfig {
    /// A short name (letters, digits, dashes).
    pub name: String,
    /// The GeoReport v2 base URL, ending in `/`.
    pub endpoint: String,
    /// A file holding the API key the city gave (kept out of this file).
    pub api_key_file: PathBuf,
    /// Form id = the city's service code.
    pub services: std::collections::BTreeMap<String, String>,
    /// Whether residents' personal fields go too (default: no).
    #[serde(default)]
    pub personal: bool,
    /// GeoReport's jurisdiction_id, if the city needs one.
    pub jurisdiction_id: Option<String>,
    /// A certificate (PEM) to trust besides the system's.
    pub ca_certificate: Option<PathBuf>,
    /// Seconds between looks at waiting requests (default 60).
    pub push_every_seconds: Option<u64>,
    /// Minutes between status reads (default 15).
    pub pull_every_minutes: Option<u64>,
    /// Seconds to wait after a first failure, doubling up to an hour (default 30).
    pub retry_seconds: Option<u64>,
}

impl PushTargetConfig {
    /// The target, its API key read from its file and everything checked.
    pub fn target(&self) -> anyhow::Result<crate::open311_push::PushTarget> {
        let api_key = std::fs::read_to_string(&self.api_key_file)
            .with_context(|| {
                format!(
                    "open311_push {}: cannot read the API key from {}",
                    self.name,
                    self.api_key_file.display()
                )
            })?
            .trim()
            .to_owned();
        let seconds = |value: Option<u64>, default: u64, name: &str| {
            let value = value.unwrap_or(default);
            anyhow::ensure!(
                (1..=86_400).contains(&value),
                "open311_push {}: {name} must be 1 to 86400 seconds",
                self.name
            );
            Ok(std::time::Duration::from_secs(value))
        };
        let target = crate::open311_push::PushTarget {
            name: self.name.clone(),
            endpoint: self.endpoint.clone(),
            api_key,
            services: self.services.clone(),
            personal: self.personal,
            jurisdiction_id: self.jurisdiction_id.clone(),
            ca_certificate: self.ca_certificate.clone(),
            push_every: seconds(self.push_every_seconds, 60, "push_every_seconds")?,
            pull_every: seconds(
                self.pull_every_minutes.map(|m| m.saturating_mul(60)),
                15 * 60,
                "pull_every_minutes",
            )?,
            retry_base: seconds(self.retry_seconds, 30, "retry_seconds")?,
        };
        target.validate()?;
        Ok(target)
    }
}

impl ServerConfig {
    /// Reads `path`, or the default file if it exists (no file: every default).
    pub fn load(path: Option<&Path>) -> anyhow::Result<ServerConfig> {
        let (path, required) = match path {
            Some(path) => (path.to_owned(), true),
            None => (PathBuf::from(DEFAULT_PATH), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if !required && error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ServerConfig::default());
            }
            Err(error) => {
                return Err(error).with_context(|| {
                    format!("cannot read the configuration file {}", path.display())
                });
            }
        };
        ServerConfig::parse(&text, &path)
    }

    /// Parses the file's text, naming `path` and the line in errors.
    pub fn parse(text: &str, path: &Path) -> anyhow::Result<ServerConfig> {
        toml::from_str(text).map_err(|error| {
            let line = error.span().map(|span| {
                text.as_bytes()[..span.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            });
            match line {
                Some(line) => anyhow::anyhow!("{}:{line}: {}", path.display(), error.message()),
                None => anyhow::anyhow!("{}: {}", path.display(), error.message()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open311_targets_read_their_key_from_a_file_and_are_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = dir.path().join("crm.key");
        std::fs::write(&key, "secret-key\n").expect("writes");
        let text = format!(
            r#"
[[open311_push]]
name = "city-crm"
endpoint = "https://crm.city.example/open311/v2/"
api_key_file = "{}"
personal = true
retry_seconds = 5

[open311_push.services]
street-light = "streetlight"
callback = "CB"
"#,
            key.display()
        );
        let config = ServerConfig::parse(&text, Path::new("server.toml")).expect("parses");
        let target = config.open311_push[0].target().expect("a usable target");
        assert_eq!(target.api_key, "secret-key");
        assert_eq!(
            target.services.get("callback").map(String::as_str),
            Some("CB")
        );
        assert!(target.personal);
        assert_eq!(target.retry_base, std::time::Duration::from_secs(5));
        assert_eq!(target.pull_every, std::time::Duration::from_secs(900));
        let plain_http = text.replace("https://crm", "http://crm");
        let digest = ServerConfig::parse(
            "[digest]\nsmtp_host = \"mail.city.example\"\nfrom = \"kiosks@city.example\"\n\n[digest.forms]\ncallback = [\"cb@city.example\"]\n",
            Path::new("server.toml"),
        )
        .expect("parses");
        let settings = digest
            .digest
            .expect("a digest")
            .settings("https://kiosks.city.example")
            .expect("usable");
        assert_eq!((settings.smtp_port, settings.hour_utc), (587, 7));
        assert_eq!(settings.staff_url, "https://kiosks.city.example");
        let config = ServerConfig::parse(&plain_http, Path::new("server.toml")).expect("parses");
        let error = config.open311_push[0]
            .target()
            .expect_err("http is refused");
        assert!(error.to_string().contains("https://"), "{error}");
        let no_key = text.replace("crm.key", "missing.key");
        let config = ServerConfig::parse(&no_key, Path::new("server.toml")).expect("parses");
        let error = config.open311_push[0].target().expect_err("no key file");
        assert!(
            error.to_string().contains("cannot read the API key"),
            "{error}"
        );
    }

    #[test]
    fn every_serve_option_reads_from_the_file_and_mistakes_name_their_line() {
        let text = r#"
data_dir = "/var/lib/inclusion-sync-server"
listen = "0.0.0.0:8443"
public_url = "https://kiosks.city.example:8443"
tls_cert = "/etc/letsencrypt/live/kiosks/fullchain.pem"
tls_key = "/etc/letsencrypt/live/kiosks/privkey.pem"
public_certificates = ["/etc/nginx/kiosks.pem"]
staging_ttl_hours = 12
max_concurrent_ingests = 4
retention_days = 60
trusted_proxies = ["127.0.0.1"]
metrics_allow = ["10.0.0.0/8"]
metrics_token_file = "/etc/inclusion-sync-server/metrics-token"
personal_data_days = 45

[personal_data_days_per_form]
callback = 14
"#;
        let config = ServerConfig::parse(text, Path::new("server.toml")).expect("parses");
        assert_eq!(config.personal_data_days, Some(45));
        assert_eq!(
            config.personal_data_days_per_form.get("callback"),
            Some(&14)
        );
        assert_eq!(config.listen, "0.0.0.0:8443".parse().ok());
        assert_eq!(config.retention_days, Some(60));
        assert_eq!(config.public_certificates.len(), 1);
        let error = ServerConfig::parse(
            "listen = \"0.0.0.0:8443\"\nretention = 3\n",
            Path::new("server.toml"),
        )
        .expect_err("unknown key");
        assert!(error.to_string().starts_with("server.toml:2:"), "{error}");
        let missing = ServerConfig::load(Some(Path::new("/nonexistent/server.toml")));
        assert!(missing.is_err(), "a file asked for must exist");
    }
}
