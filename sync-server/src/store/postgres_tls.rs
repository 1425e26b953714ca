//! How the server reaches PostgreSQL: a `postgres://` URL read into `tokio-postgres`
//! settings, with TLS when the URL asks for it (`sslmode=require`, `verify-ca` or
//! `verify-full`, libpq's names), the server's certificate always checked against the
//! certificates in `sslrootcert=FILE`, or the system's when there is none.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::StoreError;

/// Where a database is and how the connection to it is made.
pub struct Target {
    /// Host, port, database, user and the rest, as `tokio-postgres` takes them.
    pub config: tokio_postgres::Config,
    /// Makes TLS connections; used only if `config` requires TLS.
    pub tls: MakeRustlsConnect,
    /// Whether connections are encrypted.
    pub encrypted: bool,
}

/// Reads `url` (`postgres://user:password@host:port/database?sslmode=verify-full&…`).
/// `sslmode` is `disable` (the default) or `prefer` for plain connections, and `require`,
/// `verify-ca` or `verify-full` for TLS with the server's certificate and name checked.
pub fn target(url: &str) -> Result<Target, StoreError> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let (mut mode, mut root_file, mut kept) = (None, None, Vec::new());
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", value)) => mode = Some(value),
            Some(("sslrootcert", value)) => root_file = Some(value),
            _ => kept.push(pair),
        }
    }
    let plain = format!(
        "{base}{}{}",
        if kept.is_empty() { "" } else { "?" },
        kept.join("&")
    );
    let mut config: tokio_postgres::Config = plain
        .parse()
        .map_err(|e| StoreError::Connect(format!("the database URL does not parse: {e}")))?;
    let encrypted = match mode {
        None | Some("disable" | "prefer") => false,
        Some("require" | "verify-ca" | "verify-full") => true,
        Some(other) => {
            return Err(StoreError::Connect(format!(
                "the database URL's sslmode={other} is not one this server knows: disable (the \
                 default), require, verify-ca or verify-full"
            )));
        }
    };
    if root_file.is_some() && !encrypted {
        return Err(StoreError::Connect(
            "the database URL names an sslrootcert but no sslmode: add sslmode=verify-full".into(),
        ));
    }
    config.ssl_mode(if encrypted {
        tokio_postgres::config::SslMode::Require
    } else {
        tokio_postgres::config::SslMode::Disable
    });
    let roots = if encrypted {
        trusted_roots(root_file)?
    } else {
        rustls::RootCertStore::empty()
    };
    let client = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| StoreError::Connect(format!("cannot set up TLS: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(Target {
        config,
        tls: MakeRustlsConnect::new(client),
        encrypted,
    })
}

/// The certificates in `file` (PEM), or the system's trusted roots.
fn trusted_roots(file: Option<&str>) -> Result<rustls::RootCertStore, StoreError> {
    let mut roots = rustls::RootCertStore::empty();
    let Some(file) = file else {
        let found = rustls_native_certs::load_native_certs();
        let (added, _) = roots.add_parsable_certificates(found.certs);
        if added == 0 {
            return Err(StoreError::Connect(
                "the database URL asks for TLS, and this system trusts no certificate \
                 authority: name the database's in sslrootcert=FILE"
                    .into(),
            ));
        }
        return Ok(roots);
    };
    let unusable = |reason: String| {
        StoreError::Connect(format!("the database's sslrootcert {file}: {reason}"))
    };
    let certificates = CertificateDer::pem_file_iter(file)
        .map_err(|e| unusable(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| unusable(e.to_string()))?;
    let (added, _) = roots.add_parsable_certificates(certificates);
    if added == 0 {
        return Err(unusable("holds no certificate".into()));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_unless_the_url_asks_for_tls() -> Result<(), StoreError> {
        let plain = target("postgres://city:pw@db.example:5433/kiosks?application_name=x")?;
        assert!(!plain.encrypted);
        assert_eq!(plain.config.get_dbname(), Some("kiosks"));
        assert_eq!(plain.config.get_ports(), [5433]);
        assert!(!target("postgres://db/kiosks?sslmode=prefer")?.encrypted);

        let dir = tempfile::tempdir().expect("temp dir");
        let ca =
            rcgen::generate_simple_self_signed(vec!["db.example".into()]).expect("a certificate");
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca.cert.pem()).expect("write");
        let url = format!(
            "postgres://db.example/kiosks?sslmode=verify-full&sslrootcert={}&user=city",
            ca_file.display()
        );
        let tls = target(&url)?;
        assert!(tls.encrypted);
        assert_eq!(tls.config.get_user(), Some("city"));
        assert_eq!(
            tls.config.get_ssl_mode(),
            tokio_postgres::config::SslMode::Require
        );
        Ok(())
    }

    #[test]
    fn a_wrong_tls_setting_is_a_clear_error() {
        let message = |url: &str| match target(url) {
            Ok(_) => String::from("accepted"),
            Err(error) => error.to_string(),
        };
        assert!(
            message("postgres://db/k?sslmode=allow").contains("sslmode=allow is not one"),
            "{}",
            message("postgres://db/k?sslmode=allow")
        );
        assert!(message("postgres://db/k?sslrootcert=/x.pem").contains("add sslmode=verify-full"));
        assert!(
            message("postgres://db/k?sslmode=verify-full&sslrootcert=/nowhere/ca.pem")
                .contains("/nowhere/ca.pem")
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate").expect("write");
        assert!(
            message(&format!(
                "postgres://db/k?sslmode=require&sslrootcert={}",
                empty.display()
            ))
            .contains("holds no certificate")
        );
    }
}
