//! Speech through the real espeak-ng program (the Debian package `espeak-ng` must be
//! installed): a WAV file for every locale the kiosk ships, a clear error for a locale with
//! no voice, volume that changes the audio and resets with the session; interrupting and
//! repeating against a stand-in program that speaks for ever.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hardware::speech::{EspeakSpeech, Speech, SpeechError, Volume};

fn espeak() -> EspeakSpeech {
    EspeakSpeech::new(
        PathBuf::from("espeak-ng"),
        BTreeMap::new(),
        Volume::new(50),
        160,
    )
    .expect("espeak-ng must be installed (Debian package espeak-ng)")
}

/// (sample rate, samples) of a 16-bit mono PCM WAV file.
fn read_wav(path: &Path) -> (u32, Vec<i16>) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[0..4], b"RIFF");
    assert_eq!(&bytes[8..12], b"WAVE");
    let mut i = 12;
    let mut rate = 0;
    while i + 8 <= bytes.len() {
        let id = &bytes[i..i + 4];
        let size = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().unwrap()) as usize;
        let body = &bytes[i + 8..(i + 8 + size).min(bytes.len())];
        if id == b"fmt " {
            assert_eq!(u16::from_le_bytes([body[0], body[1]]), 1, "PCM");
            assert_eq!(u16::from_le_bytes([body[14], body[15]]), 16, "16-bit");
            rate = u32::from_le_bytes(body[4..8].try_into().unwrap());
        }
        if id == b"data" {
            let samples = body
                .chunks_exact(2)
                .map(|s| i16::from_le_bytes([s[0], s[1]]))
                .collect();
            return (rate, samples);
        }
        i += 8 + size + size % 2;
    }
    panic!("no data chunk in {}", path.display());
}

fn peak(samples: &[i16]) -> i32 {
    samples
        .iter()
        .map(|s| i32::from(*s).abs())
        .max()
        .unwrap_or(0)
}

#[test]
fn every_shipped_locale_is_spoken_to_a_wav_file() {
    let mut speech = espeak();
    let dir = tempfile::tempdir().unwrap();
    for locale in common::LOCALES {
        let text = common::ticket(locale).title;
        let path = dir.path().join(format!("{locale}.wav"));
        speech.speak_to_wav(locale, &text, &path).unwrap();
        let (rate, samples) = read_wav(&path);
        assert!(rate >= 8000, "{locale}: {rate} Hz");
        let seconds = samples.len() as f64 / f64::from(rate);
        assert!(seconds > 0.3, "{locale}: {seconds} s of audio for “{text}”");
        assert!(peak(&samples) > 1000, "{locale}: the audio is not silent");
    }
}

#[test]
fn a_locale_without_a_voice_is_a_clear_error() {
    let mut speech = espeak();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tlh.wav");
    let error = speech.speak_to_wav("tlh", "nuqneH", &path).unwrap_err();
    assert!(
        matches!(&error, SpeechError::NoVoice { locale, voice } if locale == "tlh" && voice == "tlh")
    );
    let message = error.to_string();
    assert!(
        message.contains("`tlh`") && message.contains("[speech.voices]"),
        "{message}"
    );
    assert!(!path.exists());
    assert!(matches!(
        speech.speak("tlh", "nuqneH"),
        Err(SpeechError::NoVoice { .. })
    ));
    // A configured override maps it to a voice that exists.
    let mut overrides = BTreeMap::new();
    overrides.insert("tlh".to_owned(), "en".to_owned());
    let speech = EspeakSpeech::new("espeak-ng".into(), overrides, Volume::new(50), 160).unwrap();
    assert_eq!(speech.voice_for("tlh").unwrap(), "en");
}

#[test]
fn volume_changes_the_audio_and_resets_for_the_next_resident() {
    let mut speech = espeak();
    let dir = tempfile::tempdir().unwrap();
    let quiet = dir.path().join("quiet.wav");
    let loud = dir.path().join("loud.wav");
    speech.set_volume(Volume::MIN);
    speech
        .speak_to_wav("en", "Your reference number", &quiet)
        .unwrap();
    speech.set_volume(Volume::MAX);
    speech
        .speak_to_wav("en", "Your reference number", &loud)
        .unwrap();
    let (quiet, loud) = (peak(&read_wav(&quiet).1), peak(&read_wav(&loud).1));
    assert!(loud > quiet * 3, "loud peak {loud} vs quiet peak {quiet}");
    speech.reset_for_new_session();
    assert_eq!(speech.volume(), Volume::new(50));
    assert!(matches!(speech.repeat(), Err(SpeechError::NothingToRepeat)));
}

/// A stand-in for espeak-ng that lists two voices and "speaks" for a minute.
fn endless_program(dir: &Path) -> PathBuf {
    let path = dir.join("fake-espeak");
    std::fs::write(
        &path,
        "#!/bin/sh\n\
         if [ \"$1\" = --voices ]; then\n\
         echo 'Pty Language Age/Gender VoiceName File Other Languages'\n\
         echo ' 5  ar  --/M  Arabic  sem/ar'\n\
         echo ' 2  en-gb --/M English gmw/en  (en 2)'\n\
         exit 0; fi\n\
         cat > /dev/null\n\
         exec sleep 60\n",
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&path, permissions).unwrap();
    path
}

#[test]
fn speaking_can_be_interrupted_and_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let mut speech = EspeakSpeech::new(
        endless_program(dir.path()),
        BTreeMap::new(),
        Volume::new(50),
        160,
    )
    .unwrap();
    assert!(matches!(
        speech.voice_for("uk"),
        Err(SpeechError::NoVoice { .. })
    ));
    speech.speak("ar", "مرحبا").unwrap();
    assert!(speech.is_speaking());
    let started = Instant::now();
    speech.stop();
    assert!(!speech.is_speaking());
    assert!(started.elapsed() < Duration::from_secs(2));

    speech.repeat().unwrap();
    assert!(speech.is_speaking(), "repeat speaks the last text again");
    // Speaking something new interrupts the old.
    speech.speak("en", "Next page").unwrap();
    assert!(speech.is_speaking());
    speech.reset_for_new_session();
    assert!(!speech.is_speaking(), "a new session silences the last one");
    assert!(matches!(speech.repeat(), Err(SpeechError::NothingToRepeat)));
}

#[test]
fn a_missing_program_is_a_clear_error() {
    let error = EspeakSpeech::new(
        "/nonexistent/espeak-ng".into(),
        BTreeMap::new(),
        Volume::new(50),
        160,
    )
    .unwrap_err();
    assert!(error.to_string().contains("espeak-ng"), "{error}");
}
