//! Signed content distribution through real HTTPS: a kiosk installs what the server
//! publishes, fetching only what it lacks and resuming a dropped download; it refuses a
//! tampered file, a tampered manifest and an older manifest; and a kiosk killed while
//! updating always still has a version that loads.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use kiosk_core::content_dir::ContentDir;
use kiosk_core::sync::{ContentOutcome, SyncError};
use sync_server::BackgroundServer;
use sync_server::content::ContentShelf;
use system_tests::fault_proxy::{FaultProxy, Faults};
use system_tests::{KioskCore, any_port, runtime};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample")
}

/// A copy of the sample with one more (large) service, so there is something new to fetch.
fn bigger_sample(words: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample(), dir.path());
    let long: String = (0..words).map(|i| format!("word{i} ")).collect();
    let mut service = String::from(
        "id = \"zz-big-guide\"\ncategory = \"benefits\"\ntopic = \"benefits.guide\"\nchannels = [\"in_person\"]\n",
    );
    for locale in ["en", "es", "fr", "ar"] {
        service.push_str(&format!(
            "\n[text.{locale}]\nname = \"Guide {locale}\"\nsummary = \"A guide.\"\nwho = \"{long}\"\nbring = []\nwhere = \"Town Hall\"\nhow = \"Ask.\"\n"
        ));
    }
    std::fs::write(dir.path().join("services/zz-big-guide.toml"), service).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn update(kiosk: &KioskCore) -> Result<ContentOutcome, SyncError> {
    let store = kiosk.data_dir.open_store().unwrap();
    runtime()
        .unwrap()
        .block_on(kiosk_core::sync::update_content(&store))
}

fn content_dir(kiosk: &KioskCore) -> ContentDir {
    ContentDir::new(kiosk.data_dir.path())
}

#[test]
fn a_kiosk_installs_published_content_and_fetches_only_what_it_lacks() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol(&server).unwrap();
    assert_eq!(update(&kiosk).unwrap(), ContentOutcome::NothingPublished);
    assert_eq!(content_dir(&kiosk).load().0, 0, "the built-in sample runs");

    let shelf = ContentShelf::new(server_dir.path());
    shelf.publish(&sample(), None, 100).unwrap();
    let Ok(ContentOutcome::Installed {
        version: 1,
        downloaded,
    }) = update(&kiosk)
    else {
        panic!("version 1 was not installed")
    };
    let (running, bundle) = content_dir(&kiosk).load();
    assert_eq!(running, 1);
    assert_eq!(bundle.unwrap(), content::Bundle::sample().unwrap());
    assert_eq!(update(&kiosk).unwrap(), ContentOutcome::UpToDate(1));

    // Version 2 adds one file: only that one is fetched.
    let bigger = bigger_sample(100);
    shelf.publish(bigger.path(), None, 200).unwrap();
    let Ok(ContentOutcome::Installed {
        version: 2,
        downloaded: second,
    }) = update(&kiosk)
    else {
        panic!("version 2 was not installed")
    };
    let new_file = std::fs::metadata(bigger.path().join("services/zz-big-guide.toml"))
        .unwrap()
        .len();
    assert_eq!(second, new_file, "only the new file");
    assert!(downloaded > second);
    let dir = content_dir(&kiosk);
    assert_eq!((dir.current_version(), dir.previous_version()), (2, 1));
    assert!(dir.load().1.unwrap().service("zz-big-guide").is_some());
}

#[test]
fn tampered_files_tampered_or_older_manifests_are_refused_and_the_old_version_stays() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol(&server).unwrap();
    let shelf = ContentShelf::new(server_dir.path());
    let first = shelf.publish(&sample(), None, 100).unwrap();
    update(&kiosk).unwrap();
    let version_one = std::fs::read(server_dir.path().join("content/manifest.json")).unwrap();

    // A file changed on the server after signing.
    let bigger = bigger_sample(50);
    let second = shelf.publish(bigger.path(), None, 200).unwrap();
    let added = second
        .files
        .iter()
        .find(|f| !first.files.contains(f))
        .unwrap();
    let stored = shelf.file(&added.hash).unwrap();
    let mut bytes = std::fs::read(&stored).unwrap();
    bytes[10] ^= 0x20;
    std::fs::write(&stored, bytes).unwrap();
    let refused = update(&kiosk);
    assert!(
        matches!(&refused, Err(SyncError::ContentRefused(m)) if m.contains("does not match its hash")),
        "{refused:?}"
    );
    assert_eq!(content_dir(&kiosk).load().0, 1);

    // The manifest changed after signing.
    let path = server_dir.path().join("content/manifest.json");
    let mut signed: wire::SignedManifest =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    signed.manifest = signed.manifest.replace("\"version\": 2", "\"version\": 3");
    std::fs::write(&path, serde_json::to_vec(&signed).unwrap()).unwrap();
    let refused = update(&kiosk);
    assert!(
        matches!(&refused, Err(SyncError::ContentRefused(m)) if m.contains("signature")),
        "{refused:?}"
    );
    // Unsigned.
    signed.signature = String::new();
    std::fs::write(&path, serde_json::to_vec(&signed).unwrap()).unwrap();
    assert!(matches!(update(&kiosk), Err(SyncError::ContentRefused(_))));
    assert_eq!(content_dir(&kiosk).load().0, 1);

    // Properly signed again: version 2 installs…
    std::fs::write(
        &stored,
        std::fs::read(bigger.path().join(&added.path)).unwrap(),
    )
    .unwrap();
    shelf.publish(bigger.path(), None, 300).unwrap();
    let Ok(ContentOutcome::Installed {
        version: latest, ..
    }) = update(&kiosk)
    else {
        panic!("the re-signed version was not installed")
    };
    // …and an older manifest (a server restored from backup) is refused.
    std::fs::write(&path, version_one).unwrap();
    let refused = update(&kiosk);
    assert!(
        matches!(&refused, Err(SyncError::ContentRefused(m)) if m.contains("older")),
        "{refused:?}"
    );
    assert_eq!(content_dir(&kiosk).load().0, latest);
}

#[test]
fn a_dropped_download_resumes_where_it_stopped() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let proxy = FaultProxy::start(server.address()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol_via(&server, &proxy.url()).unwrap();
    let shelf = ContentShelf::new(server_dir.path());
    shelf.publish(&sample(), None, 100).unwrap();
    update(&kiosk).unwrap();
    // Version 2 has a large new file (about 200 KB); the link drops every 64 KB.
    let bigger = bigger_sample(6_000);
    let manifest = shelf.publish(bigger.path(), None, 200).unwrap();
    let big = manifest
        .files
        .iter()
        .find(|f| f.path == "services/zz-big-guide.toml")
        .unwrap()
        .clone();
    assert!(big.size > 150_000, "{} bytes", big.size);
    proxy.set_faults(Faults {
        drop_after_downstream: Some(64 * 1024),
        ..Faults::default()
    });
    let partial = kiosk_dir.path().join("content/partial").join(&big.hash);
    let mut attempts = 0;
    let mut partial_sizes = Vec::new();
    loop {
        attempts += 1;
        assert!(attempts < 20, "the download never finished");
        match update(&kiosk) {
            Ok(ContentOutcome::Installed { version: 2, .. }) => break,
            Ok(other) => panic!("{other:?}"),
            Err(error) => {
                assert!(error.is_retryable(), "{error}");
                partial_sizes.push(std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0));
            }
        }
    }
    assert!(attempts > 2, "the drops did interrupt the download");
    // Each try continued from the last: the partial file never shrank, and it grew past what
    // one connection can carry (64 KB), so tries added to it rather than starting over.
    assert!(
        partial_sizes.windows(2).all(|w| w[0] <= w[1]),
        "{partial_sizes:?}"
    );
    assert!(
        partial_sizes.iter().any(|&size| size > 64 * 1024),
        "{partial_sizes:?}"
    );
    assert!(
        content_dir(&kiosk)
            .load()
            .1
            .unwrap()
            .service("zz-big-guide")
            .is_some()
    );
}

#[test]
fn a_kiosk_killed_while_updating_content_always_has_a_version_that_loads() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let proxy = FaultProxy::start(server.address()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol_via(&server, &proxy.url()).unwrap();
    let shelf = ContentShelf::new(server_dir.path());
    shelf.publish(&sample(), None, 100).unwrap();
    update(&kiosk).unwrap();
    let bigger = bigger_sample(3_000);
    shelf.publish(bigger.path(), None, 200).unwrap();
    proxy.set_faults(Faults {
        bytes_per_second: Some(256 * 1024),
        ..Faults::default()
    });
    // Kill the updating process at moments spread over the download, assembly and switch.
    for delay_ms in [30u64, 120, 250, 400, 600, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fault-child"))
            .args(["content", &kiosk_dir.path().display().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        let (version, bundle) = content_dir(&kiosk).load();
        assert!(bundle.is_ok(), "after a kill at {delay_ms} ms: {bundle:?}");
        assert!(version == 1 || version == 2, "version {version}");
    }
    proxy.set_faults(Faults::default());
    let outcome = update(&kiosk).unwrap();
    assert!(
        matches!(
            outcome,
            ContentOutcome::Installed { version: 2, .. } | ContentOutcome::UpToDate(2)
        ),
        "{outcome:?}"
    );
    assert_eq!(content_dir(&kiosk).load().0, 2);
}

#[test]
fn ui_translations_published_with_the_content_replace_the_built_in_ones() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol(&server).unwrap();
    // The city rewords the Spanish welcome.
    let locales = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales"),
        locales.path(),
    );
    let spanish = locales.path().join("es/kiosk.ftl");
    let text = std::fs::read_to_string(&spanish).unwrap();
    let reworded = text.replacen(
        "attract-welcome = ",
        "attract-welcome = ¡Hola, vecina, vecino! ",
        1,
    );
    assert_ne!(text, reworded);
    std::fs::write(&spanish, reworded).unwrap();
    ContentShelf::new(server_dir.path())
        .publish(&sample(), Some(locales.path()), 100)
        .unwrap();
    assert!(matches!(
        update(&kiosk),
        Ok(ContentOutcome::Installed { version: 1, .. })
    ));
    let dir = content_dir(&kiosk);
    let translations = dir.translations(dir.current_version());
    assert_eq!(translations.len(), 8, "one file per locale");
    let catalog = kiosk_core::i18n::Catalog::with_overrides(&translations).unwrap();
    assert!(
        catalog
            .text("es", "attract-welcome")
            .starts_with("¡Hola, vecina, vecino!"),
        "{}",
        catalog.text("es", "attract-welcome")
    );
    assert_eq!(
        catalog.text("ar", "nav-back"),
        kiosk_core::i18n::Catalog::embedded()
            .unwrap()
            .text("ar", "nav-back")
    );
}

/// Changes about 1 % of the big guide in `bundle` (words in its middle), in place.
fn change_one_percent(bundle: &Path, mark: &str) -> Vec<u8> {
    let path = bundle.join("services/zz-big-guide.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let middle = text.len() / 2;
    let at = middle + text[middle..].find("word").unwrap();
    let span = text.len() / 100;
    let replacement: String = format!("{mark} ").repeat(span / (mark.len() + 1) + 1)[..span].into();
    text.replace_range(at..at + span, &replacement);
    std::fs::write(&path, &text).unwrap();
    text.into_bytes()
}

#[test]
fn a_changed_file_comes_as_a_delta_and_a_damaged_delta_costs_the_whole_file() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol(&server).unwrap();
    let shelf = ContentShelf::new(server_dir.path());
    let bundle = bigger_sample(60_000);
    shelf.publish(bundle.path(), None, 100).unwrap();
    assert!(matches!(
        update(&kiosk).unwrap(),
        ContentOutcome::Installed { version: 1, .. }
    ));

    // 1 % of one large file changes: a few hundred bytes travel, not the file.
    let second = change_one_percent(bundle.path(), "changed");
    shelf.publish(bundle.path(), None, 200).unwrap();
    let Ok(ContentOutcome::Installed {
        version: 2,
        downloaded,
    }) = update(&kiosk)
    else {
        panic!("version 2 was not installed")
    };
    assert!(
        downloaded * 20 < second.len() as u64,
        "{downloaded} bytes fetched for a file of {}",
        second.len()
    );
    let installed = kiosk_dir
        .path()
        .join("content/versions/2/services/zz-big-guide.toml");
    assert_eq!(std::fs::read(&installed).unwrap(), second);
    assert!(content_dir(&kiosk).load().1.is_ok());

    // The next change's delta is damaged on the server's disk: the rebuilt file fails its
    // hash check and the kiosk fetches the whole file instead.
    let third = change_one_percent(bundle.path(), "again");
    shelf.publish(bundle.path(), None, 300).unwrap();
    let (from, to) = (
        blake3::hash(&second).to_hex().to_string(),
        blake3::hash(&third).to_hex().to_string(),
    );
    let kept = shelf.delta(&from, &to).unwrap().expect("a delta is made");
    let mut delta = std::fs::read(&kept).unwrap();
    let middle = delta.len() / 2;
    delta[middle] ^= 0xff;
    delta[middle + 1] ^= 0xff;
    std::fs::write(&kept, &delta).unwrap();
    let Ok(ContentOutcome::Installed {
        version: 3,
        downloaded,
    }) = update(&kiosk)
    else {
        panic!("version 3 was not installed")
    };
    assert!(
        downloaded >= third.len() as u64,
        "{downloaded} bytes fetched: the whole file ({} bytes) should have been",
        third.len()
    );
    assert_eq!(
        std::fs::read(
            kiosk_dir
                .path()
                .join("content/versions/3/services/zz-big-guide.toml")
        )
        .unwrap(),
        third
    );
}
