//! `kiosk.toml`: the settings an installed kiosk starts with (data directory, window, daily
//! byte budget, where `hardware.toml` is). The packaged kiosk reads
//! `/etc/inclusion-kiosk/kiosk.toml`; `kiosk --config FILE` (or `KIOSK_CONFIG`) names another.
//! Options given on the command line win over the file. Unknown keys and bad values are refused
//! with the file, line and column.
//!
//! ```toml
//! data_dir = "/var/lib/inclusion-kiosk"
//! window = "fullscreen"          # or a size such as "1366x768"
//! daily_byte_budget = 5000000    # bytes per day (UTC) on a pay-per-byte link; omit for none
//! hardware_config = "/etc/inclusion-kiosk/hardware.toml"
//! relay_listen = "0.0.0.0:7337"  # carry records for kiosks with no uplink on this LAN
//! relay_via_lan = true           # no uplink? hand records to such a kiosk (mobile units)
//! ```
//!
//! Relative paths in the file are taken from the file's own folder.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the packaged kiosk keeps its configuration.
pub const DEFAULT_PATH: &str = "/etc/inclusion-kiosk/kiosk.toml";

/// The name of the hardware configuration beside `kiosk.toml` (or in the data directory).
pub const HARDWARE_FILE: &str = "hardware.toml";

/// Why a configuration file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read (a file named on the command line must exist).
    #[error("cannot read the configuration file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, a key is unknown, or a value is of the wrong kind.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, as the TOML reader says it.
        message: String,
    },
}

/// How the kiosk's window opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum WindowMode {
    /// Covering the whole screen (what a kiosk does).
    Fullscreen,
    /// A window of this many logical pixels, for trying the kiosk on a desktop.
    Windowed {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
}

impl TryFrom<String> for WindowMode {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        if text.trim().eq_ignore_ascii_case("fullscreen") {
            return Ok(WindowMode::Fullscreen);
        }
        parse_size(&text)
            .map(|(width, height)| WindowMode::Windowed { width, height })
            .map_err(|error| format!("window: {error}, or \"fullscreen\""))
    }
}

/// Parses a window size such as `1366x768`.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (width, height) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, e.g. 1366x768"))?;
    let parse = |part: &str| {
        part.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (100..=10_000).contains(n))
    };
    match (parse(width), parse(height)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!(
            "`{text}`: width and height must be whole numbers from 100 to 10000"
        )),
    }
}

/// The file's settings; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    /// The data directory (database, device key, content).
    pub data_dir: Option<PathBuf>,
    /// Fullscreen or a window size.
    pub window: Option<WindowMode>,
    /// Bytes the kiosk may send per day (UTC).
    pub daily_byte_budget: Option<u64>,
    /// The hardware configuration (default: see [`hardware_path`]).
    pub hardware_config: Option<PathBuf>,
    /// Carry records for kiosks of the same server on the LAN while running: listen here
    /// and announce with mDNS (e.g. "0.0.0.0:7337"); omit to carry for none.
    pub relay_listen: Option<std::net::SocketAddr>,
    /// When the server cannot be reached, look for such a kiosk on the LAN and hand it this
    /// kiosk's records (a tablet of a mobile unit); off by default.
    pub relay_via_lan: Option<bool>,
}

/// A configuration file that was read, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedConfig {
    /// The file.
    pub path: PathBuf,
    /// Its settings, with relative paths already made relative to the file's folder.
    pub config: KioskConfig,
}

impl LoadedConfig {
    /// The hardware configuration for a kiosk whose data directory this file chose: its
    /// `hardware_config`, or `hardware.toml` beside it.
    pub fn hardware_config(&self) -> PathBuf {
        self.config
            .hardware_config
            .clone()
            .unwrap_or_else(|| self.folder().join(HARDWARE_FILE))
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }
}

/// Which `hardware.toml` a kiosk uses: the one named on the command line; else the one the
/// configuration file names; else, when the data directory came from the configuration file,
/// `hardware.toml` beside that file (`/etc/inclusion-kiosk/hardware.toml` when installed);
/// else `hardware.toml` in the data directory (a data directory given on the command line
/// carries its own).
pub fn hardware_path(
    flag: Option<PathBuf>,
    config: Option<&LoadedConfig>,
    data_dir_from_file: bool,
    data_dir: &Path,
) -> PathBuf {
    flag.or_else(|| config.and_then(|c| c.config.hardware_config.clone()))
        .or_else(|| {
            config
                .filter(|_| data_dir_from_file)
                .map(LoadedConfig::hardware_config)
        })
        .unwrap_or_else(|| data_dir.join(HARDWARE_FILE))
}

/// Reads the configuration: `path` if given (it must exist), else [`DEFAULT_PATH`] if it
/// exists, else none.
pub fn load(path: Option<&Path>) -> Result<Option<LoadedConfig>, ConfigError> {
    load_from(path, Path::new(DEFAULT_PATH))
}

/// [`load`] with another default file (for tests).
pub fn load_from(path: Option<&Path>, default: &Path) -> Result<Option<LoadedConfig>, ConfigError> {
    let (path, required) = match path {
        Some(path) => (path, true),
        None => (default, false),
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if !required && error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    // Errors name the file as given; relative paths inside it are taken from its folder.
    let absolute = std::path::absolute(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut config = parse(&text, path)?;
    let folder = absolute.parent().unwrap_or(Path::new("/"));
    for value in [&mut config.data_dir, &mut config.hardware_config]
        .into_iter()
        .flatten()
    {
        if value.is_relative() {
            *value = folder.join(&*value);
        }
    }
    Ok(Some(LoadedConfig {
        path: absolute,
        config,
    }))
}

/// Parses the file's text, naming `path`, the line and the column in errors.
pub fn parse(text: &str, path: &Path) -> Result<KioskConfig, ConfigError> {
    toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start).min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        ConfigError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: error.message().trim().to_owned(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<KioskConfig, ConfigError> {
        parse(text, Path::new("/etc/inclusion-kiosk/kiosk.toml"))
    }

    #[test]
    fn every_key_reads() {
        let config = parse_text(
            "data_dir = \"/var/lib/inclusion-kiosk\"\nwindow = \"1366x768\"\n\
             daily_byte_budget = 5000000\nhardware_config = \"/srv/hw.toml\"\n\
             relay_listen = \"0.0.0.0:7337\"\nrelay_via_lan = true\n",
        )
        .expect("parses");
        assert_eq!(
            config,
            KioskConfig {
                data_dir: Some("/var/lib/inclusion-kiosk".into()),
                window: Some(WindowMode::Windowed {
                    width: 1366,
                    height: 768
                }),
                daily_byte_budget: Some(5_000_000),
                hardware_config: Some("/srv/hw.toml".into()),
                relay_listen: Some(([0, 0, 0, 0], 7337).into()),
                relay_via_lan: Some(true),
            }
        );
        assert_eq!(
            parse_text("window = \"Fullscreen\"")
                .expect("parses")
                .window,
            Some(WindowMode::Fullscreen)
        );
        assert_eq!(
            parse_text("# nothing set\n").expect("parses"),
            KioskConfig::default()
        );
    }

    #[test]
    fn mistakes_name_file_line_and_column() {
        let error =
            parse_text("data_dir = \"/var/lib/x\"\n\ndaily_budget = 5\n").expect_err("unknown key");
        let text = error.to_string();
        assert!(
            text.starts_with("/etc/inclusion-kiosk/kiosk.toml:3:1: "),
            "{text}"
        );
        assert!(text.contains("daily_budget"), "{text}");

        let error = parse_text("window = \"huge\"\n").expect_err("bad window");
        let text = error.to_string();
        assert!(text.contains("kiosk.toml:1:10"), "{text}");
        assert!(text.contains("fullscreen"), "{text}");

        let error = parse_text("daily_byte_budget = -1\n").expect_err("negative budget");
        assert!(error.to_string().contains(":1:21"), "{error}");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1366x768"), Ok((1366, 768)));
        assert_eq!(parse_size("360X640"), Ok((360, 640)));
        assert!(parse_size("1366").is_err());
        assert!(parse_size("0x0").is_err());
        assert!(parse_size("axb").is_err());
    }

    #[test]
    fn files_default_and_relative_paths() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let default = dir.path().join("kiosk.toml");
        assert_eq!(
            load_from(None, &default)?,
            None,
            "no default file: no config"
        );
        let named = load_from(Some(&default), &default);
        assert!(
            matches!(named, Err(ConfigError::Read { .. })),
            "a file named on the command line must exist: {named:?}"
        );

        std::fs::write(&default, "data_dir = \"data\"\n")?;
        let loaded = load_from(None, &default)?.ok_or("the default file is read")?;
        assert_eq!(loaded.config.data_dir, Some(dir.path().join("data")));
        assert_eq!(loaded.hardware_config(), dir.path().join("hardware.toml"));

        let data = Path::new("/var/data");
        let flag = Some(PathBuf::from("/flag.toml"));
        let hardware = |flag: &Option<PathBuf>, config, from_file| {
            hardware_path(flag.clone(), config, from_file, data)
        };
        assert_eq!(
            hardware(&flag, Some(&loaded), true),
            PathBuf::from("/flag.toml")
        );
        assert_eq!(
            hardware(&None, Some(&loaded), true),
            dir.path().join("hardware.toml"),
            "beside kiosk.toml when the data directory came from it"
        );
        assert_eq!(
            hardware(&None, Some(&loaded), false),
            data.join("hardware.toml"),
            "a data directory from the command line carries its own"
        );
        assert_eq!(hardware(&None, None, false), data.join("hardware.toml"));

        std::fs::write(&default, "hardware_config = \"/srv/hw.toml\"\n")?;
        let loaded = load_from(Some(&default), Path::new("/nonexistent"))?.ok_or("read")?;
        assert_eq!(loaded.hardware_config(), PathBuf::from("/srv/hw.toml"));
        assert_eq!(
            hardware(&None, Some(&loaded), false),
            PathBuf::from("/srv/hw.toml"),
            "named in the file: always that one"
        );
        Ok(())
    }
}
