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
