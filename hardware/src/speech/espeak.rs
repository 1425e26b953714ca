//! Speech through the espeak-ng program (Debian package `espeak-ng`): one process per
//! utterance, so interrupting is killing it. Text goes through standard input as UTF-8, never
//! on the command line. Runs that must finish (the voice list, a WAV file) are bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::voices::{parse_voice_list, voice_name};
use super::{Speech, SpeechError, Volume};
use crate::device::DriverInfo;

/// Longest wait for `espeak-ng --voices`.
const LIST_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait for a WAV file.
const WAV_TIMEOUT: Duration = Duration::from_secs(60);

/// The espeak-ng engine.
#[derive(Debug)]
pub struct EspeakSpeech {
    program: PathBuf,
    overrides: BTreeMap<String, String>,
    available: BTreeSet<String>,
    default_volume: Volume,
    volume: Volume,
    rate_wpm: u16,
    speaking: Option<Child>,
    last: Option<(String, String)>,
}

impl EspeakSpeech {
    /// Runs `program --voices` to learn which voices exist; fails when the program cannot run.
    pub fn new(
        program: PathBuf,
        overrides: BTreeMap<String, String>,
        default_volume: Volume,
        rate_wpm: u16,
    ) -> Result<EspeakSpeech, SpeechError> {
        let listing = run_bounded(&program, &["--voices".into()], None, LIST_TIMEOUT)?;
        Ok(EspeakSpeech {
            available: parse_voice_list(&listing),
            program,
            overrides,
            default_volume,
            volume: default_volume,
            rate_wpm,
            speaking: None,
            last: None,
        })
    }

    fn arguments(&self, voice: &str) -> Vec<OsString> {
        vec![
            "-v".into(),
            voice.into(),
            "-a".into(),
            self.volume.espeak_amplitude().to_string().into(),
            "-s".into(),
            self.rate_wpm.to_string().into(),
            "-b".into(),
            "1".into(),
            "--stdin".into(),
        ]
    }
}

/// Runs `program` with `args`, feeding `input`, and returns its standard output; kills it
/// and fails after `timeout`.
fn run_bounded(
    program: &Path,
    args: &[OsString],
    input: Option<&str>,
    timeout: Duration,
) -> Result<String, SpeechError> {
    let failed = |message: String| SpeechError::Failed {
        program: program.to_owned(),
        message,
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SpeechError::Program {
            program: program.to_owned(),
            source,
        })?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        let _ = stdin.write_all(text.as_bytes());
    }
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("no result after {} s", timeout.as_secs())));
            }
            Err(error) => return Err(failed(error.to_string())),
        }
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if !status.success() || err.contains("Error") {
        return Err(failed(format!("{status}: {}", err.trim())));
    }
    Ok(out)
}

impl Speech for EspeakSpeech {
    fn driver(&self) -> DriverInfo {
        DriverInfo::with_target("espeak-ng", self.program.display().to_string())
    }

    fn voice_for(&self, locale: &str) -> Result<String, SpeechError> {
        let voice = voice_name(locale, &self.overrides);
        if self.available.contains(&voice) {
            Ok(voice)
        } else {
            Err(SpeechError::NoVoice {
                locale: locale.to_owned(),
                voice,
            })
        }
    }

    fn speak(&mut self, locale: &str, text: &str) -> Result<(), SpeechError> {
        let voice = self.voice_for(locale)?;
        self.stop();
        let mut child = Command::new(&self.program)
            .args(self.arguments(&voice))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| SpeechError::Program {
                program: self.program.clone(),
                source,
            })?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(text.as_bytes());
        }
        self.speaking = Some(child);
        self.last = Some((locale.to_owned(), text.to_owned()));
        Ok(())
    }

    fn repeat(&mut self) -> Result<(), SpeechError> {
        let (locale, text) = self.last.clone().ok_or(SpeechError::NothingToRepeat)?;
        self.speak(&locale, &text)
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.speaking.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn is_speaking(&mut self) -> bool {
        match &mut self.speaking {
            Some(child) => matches!(child.try_wait(), Ok(None)),
            None => false,
        }
    }

    fn volume(&self) -> Volume {
        self.volume
    }

    fn set_volume(&mut self, volume: Volume) {
        self.volume = volume;
    }

    fn reset_for_new_session(&mut self) {
        self.stop();
        self.last = None;
        self.volume = self.default_volume;
    }

    fn speak_to_wav(&mut self, locale: &str, text: &str, path: &Path) -> Result<(), SpeechError> {
        let voice = self.voice_for(locale)?;
        let mut args = self.arguments(&voice);
        args.push("-w".into());
        args.push(path.as_os_str().to_owned());
        run_bounded(&self.program, &args, Some(text), WAV_TIMEOUT)?;
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() > 44 => Ok(()),
            _ => Err(SpeechError::Failed {
                program: self.program.clone(),
                message: format!("wrote no audio to {}", path.display()),
            }),
        }
    }
}

impl Drop for EspeakSpeech {
    fn drop(&mut self) {
        self.stop();
    }
}
