//! Silent speech: remembers what it was asked to say, for PCs without espeak-ng, demos and
//! tests of the kiosk's speech logic.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::voices::voice_name;
use super::{Speech, SpeechError, Volume};
use crate::device::DriverInfo;

/// What the simulated engine said: (voice, volume %, text), oldest first.
#[derive(Debug, Clone, Default)]
pub struct SimulatedSpeechHandle {
    said: Arc<Mutex<Vec<(String, u8, String)>>>,
}

impl SimulatedSpeechHandle {
    /// Everything said so far.
    pub fn said(&self) -> Vec<(String, u8, String)> {
        self.said.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// A speech engine that makes no sound.
#[derive(Debug)]
pub struct SimulatedSpeech {
    overrides: BTreeMap<String, String>,
    default_volume: Volume,
    volume: Volume,
    last: Option<(String, String)>,
    handle: SimulatedSpeechHandle,
}

impl SimulatedSpeech {
    /// Speaks every locale with a voice named as espeak-ng would be asked.
    pub fn new(overrides: BTreeMap<String, String>, default_volume: Volume) -> SimulatedSpeech {
        SimulatedSpeech {
            overrides,
            default_volume,
            volume: default_volume,
            last: None,
            handle: SimulatedSpeechHandle::default(),
        }
    }

    /// A handle to read what was said.
    pub fn handle(&self) -> SimulatedSpeechHandle {
        self.handle.clone()
    }
}

impl Speech for SimulatedSpeech {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("simulated")
    }

    fn voice_for(&self, locale: &str) -> Result<String, SpeechError> {
        Ok(voice_name(locale, &self.overrides))
    }

    fn speak(&mut self, locale: &str, text: &str) -> Result<(), SpeechError> {
        let voice = self.voice_for(locale)?;
        if let Ok(mut said) = self.handle.said.lock() {
            said.push((voice, self.volume.percent(), text.to_owned()));
        }
        self.last = Some((locale.to_owned(), text.to_owned()));
        Ok(())
    }

    fn repeat(&mut self) -> Result<(), SpeechError> {
        let (locale, text) = self.last.clone().ok_or(SpeechError::NothingToRepeat)?;
        self.speak(&locale, &text)
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

    fn reset_for_new_session(&mut self) {
        self.volume = self.default_volume;
        self.last = None;
    }

    fn speak_to_wav(&mut self, _: &str, _: &str, _: &Path) -> Result<(), SpeechError> {
        Err(SpeechError::NoAudio {
            driver: "simulated",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_volume_and_reset() {
        let mut speech = SimulatedSpeech::new(BTreeMap::new(), Volume::new(50));
        let handle = speech.handle();
        assert!(matches!(speech.repeat(), Err(SpeechError::NothingToRepeat)));
        speech.speak("zh-Hans", "你好").unwrap();
        speech.set_volume(Volume::new(90));
        speech.repeat().unwrap();
        assert_eq!(
            handle.said(),
            vec![
                ("cmn".to_owned(), 50, "你好".to_owned()),
                ("cmn".to_owned(), 90, "你好".to_owned())
            ]
        );
        speech.reset_for_new_session();
        assert_eq!(speech.volume(), Volume::new(50));
        assert!(matches!(speech.repeat(), Err(SpeechError::NothingToRepeat)));
    }
}
