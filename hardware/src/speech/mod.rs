//! Text to speech in the screen's language: speak (interrupting whatever is being said),
//! repeat, stop, a volume that goes back to the default for each new session, and speech to
//! a WAV file for tests. Drivers: [`EspeakSpeech`] (the espeak-ng program),
//! [`SimulatedSpeech`] (silent, remembers what it was asked), and none.

mod espeak;
mod simulated;
pub mod voices;

use std::path::{Path, PathBuf};

pub use espeak::EspeakSpeech;
pub use simulated::{SimulatedSpeech, SimulatedSpeechHandle};

use crate::config::{SpeechConfig, SpeechDriver};
use crate::device::DriverInfo;

/// Loudness in percent, 10–100 %. espeak-ng's amplitude is linear (0–200, 100 by default),
/// so 10 % → amplitude 20 and 100 % → 200 span 20 dB, more than the 18 dB EN 301 549 asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Volume(u8);

impl Volume {
    /// The quietest.
    pub const MIN: Volume = Volume(10);
    /// The loudest.
    pub const MAX: Volume = Volume(100);
    /// One press of "louder" or "quieter".
    pub const STEP: u8 = 10;

    /// `percent`, kept within 10–100.
    pub fn new(percent: u8) -> Volume {
        Volume(percent.clamp(Volume::MIN.0, Volume::MAX.0))
    }

    /// The percentage.
    pub fn percent(self) -> u8 {
        self.0
    }

    /// One step louder.
    pub fn louder(self) -> Volume {
        Volume::new(self.0.saturating_add(Volume::STEP))
    }

    /// One step quieter.
    pub fn quieter(self) -> Volume {
        Volume::new(self.0.saturating_sub(Volume::STEP))
    }

    /// espeak-ng's `-a` value.
    pub fn espeak_amplitude(self) -> u16 {
        u16::from(self.0) * 2
    }
}

/// Why something cannot be said.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    /// No voice for the locale.
    #[error(
        "no speech voice for locale `{locale}` (espeak-ng has no voice `{voice}`): install it, or map the locale to another voice under [speech.voices] in hardware.toml"
    )]
    NoVoice {
        /// The locale asked for.
        locale: String,
        /// The voice tried.
        voice: String,
    },
    /// The program cannot be run.
    #[error("cannot run {program}: {source} (install the Debian package espeak-ng, or set [speech] program)", program = .program.display())]
    Program {
        /// The program.
        program: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The program ran and failed.
    #[error("{program} failed: {message}", program = .program.display())]
    Failed {
        /// The program.
        program: PathBuf,
        /// Its exit status and what it printed.
        message: String,
    },
    /// This driver makes no sound.
    #[error("the {driver} speech driver produces no audio")]
    NoAudio {
        /// Which driver.
        driver: &'static str,
    },
    /// Nothing was said yet this session, so there is nothing to repeat.
    #[error("nothing to repeat yet")]
    NothingToRepeat,
}

/// A speech engine.
pub trait Speech: Send {
    /// The driver and its program.
    fn driver(&self) -> DriverInfo;

    /// The voice that would speak `locale`, or [`SpeechError::NoVoice`].
    fn voice_for(&self, locale: &str) -> Result<String, SpeechError>;

    /// Starts saying `text` in `locale`'s voice, interrupting anything being said. Returns at
    /// once; the speech goes on in the background.
    fn speak(&mut self, locale: &str, text: &str) -> Result<(), SpeechError>;

    /// Says the last text again.
    fn repeat(&mut self) -> Result<(), SpeechError>;

    /// Stops speaking now.
    fn stop(&mut self);

    /// Whether it is still speaking.
    fn is_speaking(&mut self) -> bool;

    /// The volume now.
    fn volume(&self) -> Volume;

    /// Sets the volume for what is said next.
    fn set_volume(&mut self, volume: Volume);

    /// A new resident: stops speaking, forgets the last text, volume back to the default.
    fn reset_for_new_session(&mut self);

    /// Writes `text` spoken in `locale`'s voice to a WAV file (waits until done, bounded).
    fn speak_to_wav(&mut self, locale: &str, text: &str, path: &Path) -> Result<(), SpeechError>;
}

/// No speech, by configuration.
#[derive(Debug)]
pub struct NoSpeech {
    volume: Volume,
}

impl Speech for NoSpeech {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("none")
    }

    fn voice_for(&self, locale: &str) -> Result<String, SpeechError> {
        Err(SpeechError::NoVoice {
            locale: locale.to_owned(),
            voice: "(speech is off)".into(),
        })
    }

    fn speak(&mut self, locale: &str, _text: &str) -> Result<(), SpeechError> {
        self.voice_for(locale).map(|_| ())
    }

    fn repeat(&mut self) -> Result<(), SpeechError> {
        Err(SpeechError::NothingToRepeat)
    }

    fn stop(&mut self) {}

    fn is_speaking(&mut self) -> bool {
        false
    }

    fn volume(&self) -> Volume {
        self.volume
    }

    fn set_volume(&mut self, volume: Volume) {
        self.volume = volume;
    }

    fn reset_for_new_session(&mut self) {}

    fn speak_to_wav(&mut self, _: &str, _: &str, _: &Path) -> Result<(), SpeechError> {
        Err(SpeechError::NoAudio { driver: "none" })
    }
}

/// The engine `config` chooses. `auto` uses espeak-ng when the program runs, and the silent
/// simulated engine otherwise.
pub fn open(config: &SpeechConfig) -> Result<Box<dyn Speech>, SpeechError> {
    let volume = Volume::new(config.volume_percent);
    let espeak = || {
        EspeakSpeech::new(
            config.program.clone(),
            config.voices.clone(),
            volume,
            config.rate_wpm,
        )
    };
    match config.driver {
        SpeechDriver::None => Ok(Box::new(NoSpeech { volume })),
        SpeechDriver::Simulated => Ok(Box::new(SimulatedSpeech::new(
            config.voices.clone(),
            volume,
        ))),
        SpeechDriver::EspeakNg => Ok(Box::new(espeak()?)),
        SpeechDriver::Auto => match espeak() {
            Ok(engine) => Ok(Box::new(engine)),
            Err(error) => {
                tracing::info!(%error, "no espeak-ng; speech is simulated");
                Ok(Box::new(SimulatedSpeech::new(
                    config.voices.clone(),
                    volume,
                )))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_stays_in_range_and_maps_to_espeak_amplitude() {
        assert_eq!(Volume::new(0), Volume::MIN);
        assert_eq!(Volume::new(255), Volume::MAX);
        assert_eq!(Volume::new(50).espeak_amplitude(), 100);
        assert_eq!(Volume::MAX.louder(), Volume::MAX);
        assert_eq!(Volume::MIN.quieter(), Volume::MIN);
        assert_eq!(Volume::new(50).louder().percent(), 60);
        // At least 18 dB between the quietest and the loudest.
        let range_db = 20.0
            * (f64::from(Volume::MAX.espeak_amplitude())
                / f64::from(Volume::MIN.espeak_amplitude()))
            .log10();
        assert!(range_db >= 18.0, "{range_db}");
    }
}
