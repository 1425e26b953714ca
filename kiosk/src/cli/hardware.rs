//! `kiosk hardware`: for installers and librarians. `check` lists each device with its driver
//! and status; `print-sample` prints a sample ticket, learner card or certificate through the
//! configured printer; `speak` says a text in a locale's voice (or writes it to a WAV file).
//!
//! Devices are chosen by `hardware.toml` (`--hardware-config`; else the one `kiosk.toml` names
//! or the one beside it, `/etc/inclusion-kiosk/hardware.toml` when installed; else the data
//! directory's); a missing file means the defaults: real drivers where devices are found,
//! simulated ones elsewhere.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use fluent_bundle::FluentArgs;
use hardware::printer::{self, Certificate, Document, Fonts, LearnerCard, Ticket, templates};
use hardware::{Hardware, HardwareConfig};
use kiosk::data_dir::DataDir;
use kiosk::i18n::Catalog;

/// Sample values printed on samples (the texts around them come from `locales/`).
const SAMPLE_REFERENCE: &str = "SR-2041-7Q";
const SAMPLE_LEARNER_CODE: &str = "K7PQM3XZR";
const SAMPLE_SITE: &str = "Central Library";
const SAMPLE_DATE: &str = "2026-03-12";

/// Longest wait for speech to the speakers to finish.
const SPEAK_LIMIT: Duration = Duration::from_secs(120);

/// `kiosk hardware …`.
#[derive(Debug, Args)]
pub struct HardwareArgs {
    /// The hardware configuration (default: kiosk.toml's hardware_config; else hardware.toml
    /// beside kiosk.toml when the data directory comes from it; else hardware.toml in the data
    /// directory). A missing file means the defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub hardware_config: Option<PathBuf>,

    #[command(subcommand)]
    command: HardwareCommand,
}

#[derive(Debug, Subcommand)]
enum HardwareCommand {
    /// List each device, its driver and its status ("sim" for a simulated stand-in, e.g. when
    /// no printer was found); exit 1 if any device fails.
    Check,
    /// Print a sample document through the configured printer.
    PrintSample {
        /// Which document.
        #[arg(long, value_enum)]
        doc: SampleDoc,
        /// The language of its texts, e.g. en, ar, zh-Hans.
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// Say TEXT in the locale's voice, or write the audio to a WAV file.
    Speak {
        /// The language, e.g. en, ar, zh-Hans.
        #[arg(long, default_value = "en")]
        locale: String,
        /// Write the audio to this WAV file instead of the speakers.
        #[arg(long, value_name = "FILE")]
        wav: Option<PathBuf>,
        /// What to say.
        text: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SampleDoc {
    /// A service-request ticket with its reference as text and QR code.
    Ticket,
    /// A learner card with its code as text and QR code.
    LearnerCard,
    /// A certificate for a completed lesson.
    Certificate,
}

/// Runs `kiosk hardware …` with the hardware configuration at `path`.
pub fn run(data_dir: &DataDir, path: &Path, args: HardwareArgs) -> anyhow::Result<ExitCode> {
    let config = HardwareConfig::load(path)?;
    match args.command {
        HardwareCommand::Check => check(data_dir, &config, path),
        HardwareCommand::PrintSample { doc, locale } => {
            print_sample(data_dir, &config, doc, &locale)
        }
        HardwareCommand::Speak { locale, wav, text } => {
            speak(&config, &locale, wav.as_deref(), &text)
        }
    }
}

fn check(data_dir: &DataDir, config: &HardwareConfig, path: &Path) -> anyhow::Result<ExitCode> {
    let source = if path.exists() {
        path.display().to_string()
    } else {
        format!("defaults ({} not found)", path.display())
    };
    println!("Hardware configuration: {source}");
    let (mut hardware, _events) = Hardware::start(config, &fonts(data_dir)?);
    let reports = hardware.check();
    for report in &reports {
        println!("{report}");
    }
    let simulated: Vec<&str> = reports
        .iter()
        .filter(|r| r.state == hardware::DeviceState::Simulated)
        .map(|r| r.device.name())
        .collect();
    if !simulated.is_empty() {
        println!(
            "Simulated (the kiosk runs without them; configure real ones in {}): {}",
            path.display(),
            simulated.join(", ")
        );
    }
    Ok(if reports.iter().all(hardware::DeviceReport::usable) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_sample(
    data_dir: &DataDir,
    config: &HardwareConfig,
    doc: SampleDoc,
    locale: &str,
) -> anyhow::Result<ExitCode> {
    let document = sample(doc, locale)?;
    let mut printer = printer::open(&config.printer, &fonts(data_dir)?)?;
    let driver = printer.driver();
    let status = printer
        .print(&document)
        .with_context(|| format!("printing on {driver}"))?;
    println!(
        "Printed a sample {} in {locale} on {driver}; printer: {status}.",
        doc_name(doc)
    );
    Ok(ExitCode::SUCCESS)
}

fn speak(
    config: &HardwareConfig,
    locale: &str,
    wav: Option<&Path>,
    text: &str,
) -> anyhow::Result<ExitCode> {
    let mut speech = hardware::speech::open(&config.speech)?;
    let voice = speech.voice_for(locale)?;
    match wav {
        Some(path) => {
            speech.speak_to_wav(locale, text, path)?;
            println!(
                "Wrote {} with the {voice} voice of {}.",
                path.display(),
                speech.driver()
            );
        }
        None => {
            speech.speak(locale, text)?;
            let started = Instant::now();
            while speech.is_speaking() && started.elapsed() < SPEAK_LIMIT {
                std::thread::sleep(Duration::from_millis(50));
            }
            speech.stop();
            println!("Spoke with the {voice} voice of {}.", speech.driver());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn doc_name(doc: SampleDoc) -> &'static str {
    match doc {
        SampleDoc::Ticket => "ticket",
        SampleDoc::LearnerCard => "learner card",
        SampleDoc::Certificate => "certificate",
    }
}

/// The kiosk's own fonts (Latin first), the same files the screen draws with.
fn fonts(_data_dir: &DataDir) -> anyhow::Result<Fonts> {
    let mut fonts = Fonts::new();
    for (_, bytes) in kiosk::ui::fonts::embedded_files() {
        fonts = fonts.with(bytes);
    }
    Ok(fonts)
}

/// A sample document in `locale`, its texts from the kiosk's messages.
fn sample(doc: SampleDoc, locale: &str) -> anyhow::Result<Document> {
    let catalog = Catalog::embedded()?;
    if catalog.locale(locale).is_none() {
        let shipped: Vec<&str> = catalog.locales().iter().map(|l| l.tag()).collect();
        anyhow::bail!("no locale {locale}; the kiosk ships {}", shipped.join(", "));
    }
    let text = |id: &str| catalog.text(locale, id);
    Ok(match doc {
        SampleDoc::Ticket => templates::ticket(
            locale,
            &Ticket {
                title: text("ticket-request-title"),
                details: vec![(text("service-where"), SAMPLE_SITE.to_owned())],
                reference_label: text("ticket-reference"),
                reference: SAMPLE_REFERENCE.to_owned(),
                qr: None,
                qr_caption: Some(text("ticket-scan")),
                pending_note: Some(text("ticket-offline")),
                footer: None,
            },
        ),
        SampleDoc::LearnerCard => templates::learner_card(
            locale,
            &LearnerCard {
                title: text("card-title"),
                code_label: text("learn-your-code"),
                code: SAMPLE_LEARNER_CODE.to_owned(),
                note: Some(text("card-body")),
            },
        ),
        SampleDoc::Certificate => {
            let module = sample_module(locale);
            let mut args = FluentArgs::new();
            args.set("module", module);
            args.set("date", SAMPLE_DATE);
            templates::certificate(
                locale,
                &Certificate {
                    title: text("certificate-title"),
                    statement: catalog.format(locale, "certificate-body", Some(&args)),
                    module: module.to_owned(),
                    date: SAMPLE_DATE.to_owned(),
                    code_label: text("learn-your-code"),
                    code: SAMPLE_LEARNER_CODE.to_owned(),
                },
            )
        }
    })
}

/// A lesson name for the sample certificate.
fn sample_module(locale: &str) -> &'static str {
    match locale {
        "ar" => "استخدام البريد الإلكتروني بأمان",
        "es" => "Usar el correo electrónico con seguridad",
        "fr" => "Utiliser le courriel en sécurité",
        "pt" => "Usar o email em segurança",
        "sw" => "Kutumia barua pepe kwa usalama",
        "uk" => "Безпечне користування електронною поштою",
        "zh-Hans" => "安全使用电子邮件",
        _ => "Using email safely",
    }
}
