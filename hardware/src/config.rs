//! `hardware.toml`: which driver serves each device and where it is, with defaults that work
//! on a bare PC (real drivers only where the device is found, simulated ones elsewhere).
//!
//! Every table refuses keys it does not know; an error names the file, the line and the key
//! (`hardware.toml:3:1: printer.papr_width: unknown field ...`).
//!
//! ```toml
//! [printer]
//! driver = "tcp"                 # auto | device | tcp | simulated | none
//! address = "192.168.1.50:9100"
//!
//! [scanner]
//! driver = "evdev"               # auto | evdev | simulated | none
//! device = "/dev/input/by-id/usb-Barcode_Scanner-event-kbd"
//! layout = "fr"                  # the scanner's keyboard layout (XKB name; default us)
//!
//! [power]
//! low_percent = 30
//! critical_percent = 10
//!
//! [link]
//! metered = true
//!
//! [speech]
//! volume_percent = 60
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// Why a configuration file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, or a key is unknown or of the wrong type.
    #[error("{path}:{line}:{column}: {key}: {message}", path = .path.display(), key = .key.as_deref().unwrap_or("(document)"))]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The dotted key at fault (e.g. `printer.papr_width`), when one can be named.
        key: Option<String>,
        /// What is wrong, as the TOML reader says it.
        message: String,
    },
    /// Every key is known but a value cannot work (a TCP printer with no address, say).
    #[error("{path}{line}: {key}: {reason}", path = .path.display(), line = .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line of the table holding the key, when the table is in the file.
        line: Option<usize>,
        /// The dotted key at fault, e.g. `printer.address`.
        key: String,
        /// What is wrong and what to write instead.
        reason: String,
    },
}

/// The whole `hardware.toml`. Every table and key is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct HardwareConfig {
    /// The receipt printer.
    pub printer: PrinterConfig,
    /// The barcode/QR scanner.
    pub scanner: ScannerConfig,
    /// Battery or UPS.
    pub power: PowerConfig,
    /// The presence sensor.
    pub presence: PresenceConfig,
    /// The network uplink.
    pub link: LinkConfig,
    /// Text to speech.
    pub speech: SpeechConfig,
}

/// Which printer driver.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PrinterDriver {
    /// `device` if the device file exists, otherwise simulated.
    #[default]
    Auto,
    /// ESC/POS to a device file: USB printer class (`/dev/usb/lp0`) or a serial port.
    Device,
    /// ESC/POS over TCP (port 9100 printers).
    Tcp,
    /// Prints into memory (for PCs without a printer, demos and tests).
    Simulated,
    /// No printer: every print is refused and the kiosk shows the QR on screen.
    None,
}

/// `[printer]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PrinterConfig {
    /// Which driver.
    pub driver: PrinterDriver,
    /// The device file for `driver = "device"` (and what `auto` looks for).
    pub device: PathBuf,
    /// For a serial port: the speed to set (9600, 19200, 38400, 57600 or 115200). Unset: leave
    /// the port as it is (USB printers need nothing).
    pub baud_rate: Option<u32>,
    /// `host:port` for `driver = "tcp"`; the port defaults to 9100.
    pub address: Option<String>,
    /// Printable width in dots: 576 for 80 mm paper, 384 for 58 mm (at 203 dpi).
    pub paper_width_dots: u32,
    /// Longest wait for the printer at each step (connect, status, each chunk written).
    pub timeout_seconds: f64,
    /// Ask the printer for its status (DLE EOT) before each print and refuse to print when
    /// the paper is out or the cover open. Turn off for printers that never answer.
    pub status_query: bool,
    /// Send all text as images, for printers without the WPC1252 code page.
    pub raster_only: bool,
    /// How often to ask the printer's status in the background (0: never).
    pub status_poll_seconds: u64,
}

impl Default for PrinterConfig {
    fn default() -> Self {
        PrinterConfig {
            driver: PrinterDriver::Auto,
            device: PathBuf::from("/dev/usb/lp0"),
            baud_rate: None,
            address: None,
            paper_width_dots: 576,
            timeout_seconds: 5.0,
            status_query: true,
            raster_only: false,
            status_poll_seconds: 60,
        }
    }
}

impl PrinterConfig {
    /// [`PrinterConfig::timeout_seconds`] as a duration.
    pub fn timeout(&self) -> Duration {
        Duration::from_secs_f64(self.timeout_seconds)
    }
}

/// Which scanner driver.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ScannerDriver {
    /// The first device in `search_dir` whose name says barcode or scanner, else simulated.
    #[default]
    Auto,
    /// A keyboard-emulating scanner read through evdev.
    Evdev,
    /// Scans only what the program injects (demos and tests).
    Simulated,
    /// No scanner.
    None,
}

/// `[scanner]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ScannerConfig {
    /// Which driver.
    pub driver: ScannerDriver,
    /// The event device, e.g. `/dev/input/by-id/usb-…-event-kbd` (required for `evdev`).
    pub device: Option<PathBuf>,
    /// Where `auto` looks for a scanner.
    pub search_dir: PathBuf,
    /// Take the scanner for ourselves so its keystrokes never reach the UI.
    pub grab: bool,
    /// The keyboard layout the scanner types in (an XKB layout name: `us`, `fr`, `de`, …).
    pub layout: String,
    /// The layout's variant, if any (`azerty`, `nodeadkeys`, …).
    pub variant: String,
}

impl Default for ScannerConfig {
    fn default() -> Self {
        ScannerConfig {
            driver: ScannerDriver::Auto,
            device: None,
            search_dir: PathBuf::from("/dev/input/by-id"),
            grab: true,
            layout: "us".into(),
            variant: String::new(),
        }
    }
}

/// Which power driver.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PowerDriver {
    /// `sysfs` where `root` exists, else simulated.
    #[default]
    Auto,
    /// `/sys/class/power_supply`.
    Sysfs,
    /// Always on mains.
    Simulated,
    /// Not watched.
    None,
}

/// `[power]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PowerConfig {
    /// Which driver.
    pub driver: PowerDriver,
    /// The power-supply class folder (a fake tree in tests).
    pub root: PathBuf,
    /// Only these supplies count, by folder name (e.g. a USB UPS that the kernel lists as a
    /// device battery). Empty: every system supply (device batteries such as a wireless
    /// mouse's are left out).
    pub supplies: Vec<String>,
    /// On battery at or below this charge, the kiosk defers large downloads and dims.
    pub low_percent: u8,
    /// On battery at or below this charge, the kiosk syncs what it can and shows a notice.
    pub critical_percent: u8,
    /// How often to read the state.
    pub poll_seconds: u64,
}

impl Default for PowerConfig {
    fn default() -> Self {
        PowerConfig {
            driver: PowerDriver::Auto,
            root: PathBuf::from("/sys/class/power_supply"),
            supplies: Vec::new(),
            low_percent: 25,
            critical_percent: 10,
            poll_seconds: 30,
        }
    }
}

/// Which presence driver.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PresenceDriver {
    /// No sensor: the attract screen wakes on touch only.
    #[default]
    None,
    /// A GPIO line through the character-device API.
    Gpio,
    /// Reports only what the program injects.
    Simulated,
}

/// `[presence]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PresenceConfig {
    /// Which driver.
    pub driver: PresenceDriver,
    /// The GPIO chip.
    pub chip: PathBuf,
    /// The line offset on the chip (required for `gpio`).
    pub line: Option<u32>,
    /// The sensor pulls the line low when it sees someone.
    pub active_low: bool,
    /// Kernel debounce of the line.
    pub debounce_ms: u64,
    /// Someone has left when the sensor has been quiet this long.
    pub absent_after_seconds: u64,
}

impl Default for PresenceConfig {
    fn default() -> Self {
        PresenceConfig {
            driver: PresenceDriver::None,
            chip: PathBuf::from("/dev/gpiochip0"),
            line: None,
            active_low: false,
            debounce_ms: 50,
            absent_after_seconds: 20,
        }
    }
}

/// Which link driver.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LinkDriver {
    /// `sysfs` where `root` exists, else simulated.
    #[default]
    Auto,
    /// `/sys/class/net`.
    Sysfs,
    /// Always up.
    Simulated,
}

/// `[link]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LinkConfig {
    /// Which driver.
    pub driver: LinkDriver,
    /// The network class folder (a fake tree in tests).
    pub root: PathBuf,
    /// Only these interfaces count (empty: every physical one).
    pub interfaces: Vec<String>,
    /// The uplink is paid by the byte (mobile data): the sync scheduler saves it.
    pub metered: bool,
    /// How often to read the state.
    pub poll_seconds: u64,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            driver: LinkDriver::Auto,
            root: PathBuf::from("/sys/class/net"),
            interfaces: Vec::new(),
            metered: false,
            poll_seconds: 10,
        }
    }
}

/// Which speech driver.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SpeechDriver {
    /// espeak-ng when the program is found, else simulated.
    #[default]
    Auto,
    /// The espeak-ng program.
    EspeakNg,
    /// Says nothing; remembers what it was asked to say.
    Simulated,
    /// No speech.
    None,
}

/// `[speech]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SpeechConfig {
    /// Which driver.
    pub driver: SpeechDriver,
    /// The espeak-ng program (a name looked up on PATH, or a path).
    pub program: PathBuf,
    /// The volume each session starts at (10–100 %).
    pub volume_percent: u8,
    /// Speaking rate in words per minute.
    pub rate_wpm: u16,
    /// Voice overrides by locale, e.g. `pt = "pt-br"`.
    pub voices: BTreeMap<String, String>,
}

impl Default for SpeechConfig {
    fn default() -> Self {
        SpeechConfig {
            driver: SpeechDriver::Auto,
            program: PathBuf::from("espeak-ng"),
            volume_percent: 50,
            rate_wpm: 160,
            voices: BTreeMap::new(),
        }
    }
}

impl HardwareConfig {
    /// Reads `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<HardwareConfig, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => HardwareConfig::parse(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(HardwareConfig::default())
            }
            Err(source) => Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Parses `text`, naming `path` in errors.
    pub fn parse(text: &str, path: &Path) -> Result<HardwareConfig, ConfigError> {
        let config: HardwareConfig =
            toml::from_str(text).map_err(|error| parse_error(text, path, &error))?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let invalid = |table: &str, key: &str, reason: String| ConfigError::Invalid {
            path: path.to_owned(),
            line: table_line(text, table),
            key: format!("{table}.{key}"),
            reason,
        };
        let printer = &self.printer;
        if printer.driver == PrinterDriver::Tcp && printer.address.is_none() {
            return Err(invalid(
                "printer",
                "address",
                "driver = \"tcp\" needs an address such as \"192.168.1.50:9100\"".into(),
            ));
        }
        if !(128..=2048).contains(&printer.paper_width_dots)
            || !printer.paper_width_dots.is_multiple_of(8)
        {
            return Err(invalid(
                "printer",
                "paper_width_dots",
                format!(
                    "{} is not a printable width: use a multiple of 8 between 128 and 2048 (576 for 80 mm paper, 384 for 58 mm)",
                    printer.paper_width_dots
                ),
            ));
        }
        if !(printer.timeout_seconds.is_finite()
            && (0.1..=600.0).contains(&printer.timeout_seconds))
        {
            return Err(invalid(
                "printer",
                "timeout_seconds",
                "must be between 0.1 and 600".into(),
            ));
        }
        if let Some(baud) = printer.baud_rate
            && crate::printer::transport::baud_rate(baud).is_none()
        {
            return Err(invalid(
                "printer",
                "baud_rate",
                format!("{baud} is not supported: use 9600, 19200, 38400, 57600 or 115200"),
            ));
        }
        if self.scanner.driver == ScannerDriver::Evdev && self.scanner.device.is_none() {
            return Err(invalid(
                "scanner",
                "device",
                "driver = \"evdev\" needs the scanner's event device, e.g. \"/dev/input/by-id/usb-…-event-kbd\"".into(),
            ));
        }
        let power = &self.power;
        if power.low_percent > 100 || power.critical_percent > power.low_percent {
            return Err(invalid(
                "power",
                "critical_percent",
                format!(
                    "needs 0 <= critical_percent ({}) <= low_percent ({}) <= 100",
                    power.critical_percent, power.low_percent
                ),
            ));
        }
        if self.presence.driver == PresenceDriver::Gpio && self.presence.line.is_none() {
            return Err(invalid(
                "presence",
                "line",
                "driver = \"gpio\" needs the line offset of the sensor on the chip".into(),
            ));
        }
        if !crate::scanner::keymap::Layout::of(&self.scanner).is_plausible() {
            return Err(invalid(
                "scanner",
                "layout",
                "must be an XKB layout name such as us, fr or de (letters, digits, _ - ( ); the variant too)".into(),
            ));
        }
        if !(10..=100).contains(&self.speech.volume_percent) {
            return Err(invalid(
                "speech",
                "volume_percent",
                "must be between 10 and 100".into(),
            ));
        }
        if !(80..=450).contains(&self.speech.rate_wpm) {
            return Err(invalid(
                "speech",
                "rate_wpm",
                "must be between 80 and 450 words per minute".into(),
            ));
        }
        Ok(())
    }
}

/// Turns the TOML reader's error into one naming file, line, column and key.
fn parse_error(text: &str, path: &Path, error: &toml::de::Error) -> ConfigError {
    let offset = error.span().map(|span| span.start).unwrap_or(0);
    let (line, column) = line_and_column(text, offset);
    ConfigError::Parse {
        path: path.to_owned(),
        line,
        column,
        key: key_at(text, line),
        message: error.message().trim().to_owned(),
    }
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The dotted key defined on `line` (1-based): the nearest table header above it, then the
/// key before `=` on the line. `None` for lines that hold no key.
fn key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let content = lines.get(line.checked_sub(1)?)?.trim();
    let header = |l: &str| {
        let l = l.trim();
        (l.starts_with('[') && l.ends_with(']'))
            .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_owned())
    };
    if let Some(table) = header(content) {
        return Some(table);
    }
    let key = content.split_once('=')?.0.trim().trim_matches('"');
    let table = lines.get(..line - 1)?.iter().rev().find_map(|l| header(l));
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key.to_owned(),
    })
}

/// The 1-based line of `[table]` in `text`, if the file has that table.
fn table_line(text: &str, table: &str) -> Option<usize> {
    let wanted = format!("[{table}]");
    text.lines()
        .position(|l| l.trim().replace(' ', "") == wanted)
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<HardwareConfig, ConfigError> {
        HardwareConfig::parse(text, Path::new("/etc/kiosk/hardware.toml"))
    }

    #[test]
    fn an_empty_file_and_a_missing_file_give_the_defaults() {
        assert_eq!(parse("").unwrap(), HardwareConfig::default());
        let dir = tempfile::tempdir().unwrap();
        let config = HardwareConfig::load(&dir.path().join("absent.toml")).unwrap();
        assert_eq!(config, HardwareConfig::default());
        assert_eq!(config.printer.driver, PrinterDriver::Auto);
        assert_eq!(config.presence.driver, PresenceDriver::None);
    }

    #[test]
    fn a_full_file_is_read() {
        let config = parse(
            "[printer]\ndriver = \"tcp\"\naddress = \"10.0.0.5\"\npaper_width_dots = 384\n\
             timeout_seconds = 2\n\n[power]\nlow_percent = 30\ncritical_percent = 5\n\n\
             [link]\nmetered = true\ninterfaces = [\"wwan0\"]\n\n[speech]\nvoices = { pt = \"pt-br\" }\n",
        )
        .unwrap();
        assert_eq!(config.printer.driver, PrinterDriver::Tcp);
        assert_eq!(config.printer.address.as_deref(), Some("10.0.0.5"));
        assert_eq!(config.printer.paper_width_dots, 384);
        assert_eq!(config.printer.timeout(), Duration::from_secs(2));
        assert_eq!(config.power.low_percent, 30);
        assert!(config.link.metered);
        assert_eq!(config.link.interfaces, vec!["wwan0".to_owned()]);
        assert_eq!(
            config.speech.voices.get("pt").map(String::as_str),
            Some("pt-br")
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_file_and_line() {
        let error = parse("[printer]\ndriver = \"simulated\"\n\npapr_width = 3\n").unwrap_err();
        let ConfigError::Parse {
            line, key, message, ..
        } = &error
        else {
            panic!("expected a parse error, got {error:?}");
        };
        assert_eq!(*line, 4);
        assert_eq!(key.as_deref(), Some("printer.papr_width"));
        assert!(message.contains("unknown field `papr_width`"), "{message}");
        let text = error.to_string();
        assert!(
            text.starts_with("/etc/kiosk/hardware.toml:4:1: printer.papr_width: unknown field"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_table_and_a_wrong_type_are_named() {
        let error = parse("[printr]\ndriver = \"none\"\n").unwrap_err();
        assert!(error.to_string().contains(":1:"), "{error}");
        assert!(error.to_string().contains("printr"), "{error}");

        let error = parse("[power]\nlow_percent = \"low\"\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains(":2:"), "{text}");
        assert!(text.contains("power.low_percent"), "{text}");

        let error = parse("[scanner]\ndriver = \"usb\"\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains("scanner.driver"), "{text}");
        assert!(text.contains("unknown variant `usb`"), "{text}");
    }

    #[test]
    fn impossible_values_are_named() {
        let error = parse("\n[printer]\ndriver = \"tcp\"\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "/etc/kiosk/hardware.toml:2: printer.address: driver = \"tcp\" needs an address \
             such as \"192.168.1.50:9100\""
        );
        let error = parse("[printer]\npaper_width_dots = 500\n").unwrap_err();
        assert!(error.to_string().contains("printer.paper_width_dots"));
        let error = parse("[printer]\nbaud_rate = 1234\n").unwrap_err();
        assert!(error.to_string().contains("printer.baud_rate"));
        let error = parse("[power]\nlow_percent = 10\ncritical_percent = 20\n").unwrap_err();
        assert!(error.to_string().contains("power.critical_percent"));
        let error = parse("[presence]\ndriver = \"gpio\"\n").unwrap_err();
        assert!(error.to_string().contains("presence.line"));
        let error = parse("[scanner]\nlayout = \"fr; rm -rf\"\n").unwrap_err();
        assert!(error.to_string().contains("scanner.layout"), "{error}");
        let fine = parse("[scanner]\nlayout = \"de\"\nvariant = \"nodeadkeys\"\n").unwrap();
        assert_eq!(
            (fine.scanner.layout.as_str(), fine.scanner.variant.as_str()),
            ("de", "nodeadkeys")
        );
        let error = parse("[speech]\nvolume_percent = 0\n").unwrap_err();
        assert!(error.to_string().contains("speech.volume_percent"));
    }
}
