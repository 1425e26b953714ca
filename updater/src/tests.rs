//! The installer's decisions with a recording stand-in for the machine (the real one,
//! [`Debian`], is exercised with real dpkg by `scripts/package-test`).

use std::cell::RefCell;

use ed25519_dalek::{Signer as _, SigningKey};

use super::*;

struct Machine {
    installed: RefCell<String>,
    self_check_fails: bool,
    comes_up: bool,
    updates: PathBuf,
    log: RefCell<Vec<String>>,
}

impl System for Machine {
    fn installed_version(&self) -> Result<Option<String>, String> {
        Ok(Some(self.installed.borrow().clone()))
    }
    fn package_fields(&self, deb: &Path) -> Result<(String, String), String> {
        // The test packages are text: "package version".
        let text = std::fs::read_to_string(deb).map_err(|e| e.to_string())?;
        let (package, version) = text.split_once(' ').ok_or("not a package")?;
        Ok((package.to_owned(), version.to_owned()))
    }
    fn install(&self, deb: &Path) -> Result<(), String> {
        let (_, version) = self.package_fields(deb)?;
        self.log.borrow_mut().push(format!("install {version}"));
        *self.installed.borrow_mut() = version;
        Ok(())
    }
    fn self_check(&self) -> Result<(), String> {
        self.log.borrow_mut().push("self-check".into());
        if self.self_check_fails && *self.installed.borrow() == "0.2.0" {
            Err("exit status 1".into())
        } else {
            Ok(())
        }
    }
    fn stop_kiosk(&self) -> Result<bool, String> {
        self.log.borrow_mut().push("stop".into());
        Ok(true)
    }
    fn restart_kiosk(&self) -> Result<bool, String> {
        self.log.borrow_mut().push("restart".into());
        Ok(true)
    }
    fn sleep(&self, _: Duration) {
        // The restarted kiosk says it is healthy (or never does).
        if self.comes_up {
            let _ = std::fs::write(
                self.updates.join(HEALTHY_FILE),
                self.installed.borrow().as_str(),
            );
        }
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    settings: Settings,
    key: SigningKey,
    request: InstallRequest,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        updates: dir.path().join("updates"),
        state: dir.path().join("state"),
        health_wait: Duration::from_secs(10),
    };
    std::fs::create_dir_all(&settings.updates).expect("updates");
    let key = SigningKey::from_bytes(&[3; 32]);
    let mut releases = Vec::new();
    for version in ["0.1.0", "0.2.0"] {
        let bytes = format!("inclusion-kiosk {version}");
        let hash = blake3::hash(bytes.as_bytes()).to_hex().to_string();
        std::fs::write(settings.updates.join(format!("{hash}.deb")), &bytes).expect("write");
        releases.push(wire::ReleaseInfo {
            version: version.into(),
            architecture: "amd64".into(),
            blake3: hash,
            size: bytes.len() as u64,
            published_at: 0,
        });
    }
    let request = signed_request(&key, releases);
    Setup {
        _dir: dir,
        settings,
        key,
        request,
    }
}

fn signed_request(key: &SigningKey, releases: Vec<wire::ReleaseInfo>) -> InstallRequest {
    let manifest = serde_json::to_string(&ReleaseManifest {
        latest: "0.2.0".into(),
        releases: releases.clone(),
    })
    .expect("json");
    let signature = key.sign(wire::release_signing_message(&manifest).as_bytes());
    InstallRequest {
        server_key: base64::engine::general_purpose::STANDARD
            .encode(key.verifying_key().as_bytes()),
        version: "0.2.0".into(),
        package: format!("{}.deb", releases[1].blake3),
        previous_version: "0.1.0".into(),
        previous_package: format!("{}.deb", releases[0].blake3),
        release: wire::SignedManifest {
            manifest,
            signature: base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
        },
        requested_at: 0,
    }
}

fn machine(setup: &Setup, self_check_fails: bool, comes_up: bool) -> Machine {
    Machine {
        installed: RefCell::new("0.1.0".into()),
        self_check_fails,
        comes_up,
        updates: setup.settings.updates.clone(),
        log: RefCell::default(),
    }
}

fn ask(setup: &Setup, request: &InstallRequest) {
    std::fs::write(
        setup.settings.updates.join(REQUEST_FILE),
        serde_json::to_vec(request).expect("json"),
    )
    .expect("write");
}

#[test]
fn a_good_release_is_installed_and_the_kiosk_told() -> Result<(), UpdaterError> {
    let setup = setup();
    let machine = machine(&setup, false, true);
    ask(&setup, &setup.request);
    let result = apply(&setup.settings, &machine, 100)?;
    assert_eq!(
        (result.state.as_str(), result.version.as_str()),
        ("installed", "0.2.0")
    );
    assert_eq!(*machine.installed.borrow(), "0.2.0");
    assert_eq!(
        *machine.log.borrow(),
        ["stop", "install 0.2.0", "self-check", "restart"]
    );
    assert!(
        !setup.settings.updates.join(REQUEST_FILE).exists(),
        "the request is done"
    );
    let told: InstallResult = serde_json::from_slice(
        &std::fs::read(setup.settings.updates.join(RESULT_FILE))
            .map_err(io("read", Path::new("")))?,
    )
    .map_err(|e| UpdaterError::Io {
        action: "parse",
        path: PathBuf::new(),
        source: std::io::Error::other(e),
    })?;
    assert_eq!(told, result);
    assert!(matches!(
        apply(&setup.settings, &machine, 101),
        Err(UpdaterError::NoRequest(_))
    ));
    Ok(())
}

#[test]
fn a_release_whose_self_check_fails_or_that_never_comes_up_is_rolled_back()
-> Result<(), UpdaterError> {
    let setup = setup();
    let broken = machine(&setup, true, true);
    ask(&setup, &setup.request);
    let result = apply(&setup.settings, &broken, 100)?;
    assert_eq!(result.state, "rolled_back");
    assert!(
        result.detail.contains("self-check failed"),
        "{}",
        result.detail
    );
    assert_eq!(*broken.installed.borrow(), "0.1.0");
    assert_eq!(
        *broken.log.borrow(),
        [
            "stop",
            "install 0.2.0",
            "self-check",
            "stop",
            "install 0.1.0",
            "restart"
        ]
    );
    // The database as the old version left it comes back (a new schema would not open).
    let database = setup
        .settings
        .updates
        .parent()
        .map(|p| p.join("kiosk.sqlite3"))
        .unwrap_or_default();
    std::fs::write(&database, b"old schema").map_err(io("write", &database))?;
    let silent = machine(&setup, false, false);
    ask(&setup, &setup.request);
    let result = apply(&setup.settings, &silent, 100)?;
    assert_eq!(result.state, "rolled_back");
    assert!(
        result.detail.contains("did not come up healthy"),
        "{}",
        result.detail
    );
    assert_eq!(*silent.installed.borrow(), "0.1.0");
    Ok(())
}

#[test]
fn requests_that_do_not_pass_their_checks_install_nothing() -> Result<(), UpdaterError> {
    let setup = setup();
    // The first request pins the server key; another key afterwards is refused.
    let stranger = SigningKey::from_bytes(&[9; 32]);
    let releases = ReleaseManifest::parse_checked(&setup.request.release.manifest)
        .map_err(|e| UpdaterError::NoRequest(PathBuf::from(e)))?
        .releases;
    ask(&setup, &setup.request);
    apply(&setup.settings, &machine(&setup, false, true), 1)?;
    let machine = machine(&setup, false, true);
    let mut cases: Vec<(InstallRequest, &str)> = vec![
        (
            signed_request(&stranger, releases.clone()),
            "another server",
        ),
        (
            InstallRequest {
                package: "../../etc/evil.deb".into(),
                ..setup.request.clone()
            },
            "outside the updates folder",
        ),
        (
            InstallRequest {
                release: wire::SignedManifest {
                    signature: signed_request(&stranger, releases.clone())
                        .release
                        .signature,
                    ..setup.request.release.clone()
                },
                ..setup.request.clone()
            },
            "not signed with the trusted server key",
        ),
    ];
    // A package changed after it was signed.
    let tampered = setup.settings.updates.join(&setup.request.package);
    let good = std::fs::read(&tampered).map_err(io("read", &tampered))?;
    cases.push((setup.request.clone(), "does not match its hash"));
    for (index, (request, why)) in cases.iter().enumerate() {
        if index == 3 {
            std::fs::write(&tampered, b"inclusion-kiosk 0.2.0 plus a backdoor")
                .map_err(io("write", &tampered))?;
        }
        *machine.installed.borrow_mut() = "0.1.0".into();
        machine.log.borrow_mut().clear();
        ask(&setup, request);
        let result = apply(&setup.settings, &machine, 1)?;
        assert_eq!(result.state, "blocked", "{why}");
        assert!(result.detail.contains(why), "{why}: {}", result.detail);
        assert!(
            machine.log.borrow().is_empty(),
            "{why}: nothing was installed"
        );
    }
    std::fs::write(&tampered, good).map_err(io("write", &tampered))?;
    // What is installed is not what the kiosk said.
    *machine.installed.borrow_mut() = "0.0.9".into();
    ask(&setup, &setup.request);
    let result = apply(&setup.settings, &machine, 1)?;
    assert_eq!(result.state, "blocked");
    assert!(
        result.detail.contains("is installed, not 0.1.0"),
        "{}",
        result.detail
    );
    assert!(forget_server(&setup.settings.state)?);
    let _ = &setup.key;
    Ok(())
}
