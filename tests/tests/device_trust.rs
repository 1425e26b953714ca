//! Device identity and trust through real HTTPS: a kiosk signs every request with the key it
//! made at enrolment; a stolen token without the key, a replayed request, a revoked or a
//! quarantined kiosk are refused, and staff decisions touch no other kiosk.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt as _;

use kiosk_core::sync::SyncError;
use kiosk_core::sync::device_key::DeviceKey;
use sync_server::BackgroundServer;
use sync_server::store::DeviceState;
use system_tests::{KioskCore, any_port, runtime};
use wire::{EndReason, Tile};

fn visit(kiosk: &mut KioskCore) {
    kiosk.visits.start();
    kiosk.visits.open_tile(Tile::Learn);
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush().unwrap();
}

/// A plain HTTPS client trusting the test server (for hand-made requests).
fn raw_client(server: &BackgroundServer) -> reqwest::Client {
    let tls =
        kiosk_core::sync::pinning::pinned_client_config(server.fingerprint().parse().unwrap())
            .unwrap();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()
        .unwrap()
}

#[test]
fn the_private_key_stays_in_the_data_directory_readable_only_by_the_kiosk() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    let mode = std::fs::metadata(kiosk_dir.path().join("device.key"))?
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let key = DeviceKey::load(kiosk_dir.path())?.expect("a key");
    let stored: String = server
        .store()
        .stored_credential(&kiosk_id)?
        .and_then(|(_, key)| key)
        .expect("a device key");
    assert_eq!(
        stored,
        key.public_base64(),
        "the server has the public half only"
    );
    Ok(())
}

#[test]
fn a_stolen_token_without_the_key_and_a_replayed_request_are_refused() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol(&server)?;
    let token = kiosk.data_dir.open_store()?.enrolment()?.unwrap().token;
    let key = DeviceKey::load(kiosk_dir.path())?.unwrap();
    let client = raw_client(&server);
    let url = format!("{}{}", server.url(), wire::paths::HELLO);
    let hello = wire::Hello {
        last_seq: 0,
        kiosk_time: 0,
        software_version: "0".into(),
        status_cursor: 0,
    };
    runtime()?.block_on(async {
        // The token alone (copied off the kiosk's disk, say): refused.
        let bare = client
            .post(&url)
            .bearer_auth(&token)
            .json(&hello)
            .send()
            .await?;
        assert_eq!(bare.status(), 401);
        // Properly signed (the signature covers the body's hash): accepted…
        let body = serde_json::to_vec(&hello)?;
        let (counter, signature) = key.sign("POST", wire::paths::HELLO, &body)?;
        let signed = || {
            client
                .post(&url)
                .bearer_auth(&token)
                .header(wire::headers::COUNTER, counter)
                .header(wire::headers::SIGNATURE, signature.clone())
                .header("content-type", "application/json")
                .body(body.clone())
        };
        assert_eq!(signed().send().await?.status(), 200);
        // …once. The same request again is a replay.
        let replayed = signed().send().await?;
        assert_eq!(replayed.status(), 401);
        assert!(replayed.text().await?.contains("replay"));
        // The same signature over another body (a later clock, say) is refused.
        let (counter, signature) = key.sign("POST", wire::paths::HELLO, &body)?;
        let tampered = wire::Hello {
            kiosk_time: 1,
            ..hello.clone()
        };
        let swapped = client
            .post(&url)
            .bearer_auth(&token)
            .header(wire::headers::COUNTER, counter)
            .header(wire::headers::SIGNATURE, signature)
            .json(&tampered)
            .send()
            .await?;
        assert_eq!(swapped.status(), 401);
        assert!(swapped.text().await?.contains("signature does not match"));
        // A signature for another path does not open this one.
        let (counter, signature) = key.sign("POST", "/api/v2/somewhere-else", &body)?;
        let moved = client
            .post(&url)
            .bearer_auth(&token)
            .header(wire::headers::COUNTER, counter)
            .header(wire::headers::SIGNATURE, signature)
            .json(&hello)
            .send()
            .await?;
        assert_eq!(moved.status(), 401);
        anyhow::Ok(())
    })?;
    // The kiosk itself carries on.
    kiosk.sync()?;
    Ok(())
}

#[test]
fn revoked_and_quarantined_kiosks_are_refused_without_touching_others() -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let mut a = KioskCore::open(a_dir.path())?;
    let mut b = KioskCore::open(b_dir.path())?;
    let a_id = a.enrol(&server)?;
    let b_id = b.enrol(&server)?;

    // Quarantine: refused, records kept, delivered once released.
    server
        .store()
        .set_device_state(&a_id, DeviceState::Quarantined, kiosk_core::clock::now())?;
    visit(&mut a);
    visit(&mut b);
    let refused = a.sync();
    assert!(
        matches!(refused, Err(SyncError::Suspended(_))),
        "{refused:?}"
    );
    assert_eq!(a.data_dir.open_store()?.unsent_count()?, 3);
    assert_eq!(b.sync()?.remaining, 0, "the other kiosk is not affected");
    server
        .store()
        .set_device_state(&a_id, DeviceState::Active, kiosk_core::clock::now())?;
    assert_eq!(a.sync()?.remaining, 0);
    assert_eq!(
        server.store().events_of(&a_id)?,
        a.data_dir.open_store()?.all_events()?
    );

    // Revocation: refused for good, at the very next request.
    server
        .store()
        .set_device_state(&b_id, DeviceState::Revoked, kiosk_core::clock::now())?;
    visit(&mut b);
    let refused = b.sync();
    assert!(
        matches!(&refused, Err(SyncError::CredentialRefused(m)) if m.contains("revoked")),
        "{refused:?}"
    );
    assert_eq!(b.data_dir.open_store()?.unsent_count()?, 3);
    // Its credential is gone from the server, and "release" cannot bring it back.
    let stored = sync_server::DataDir::open_existing(server_dir.path())?
        .open_store()?
        .stored_credential(&b_id)?;
    assert_eq!(stored, Some((format!("revoked:{b_id}"), None)));
    assert!(
        server
            .store()
            .set_device_state(&b_id, DeviceState::Active, kiosk_core::clock::now())
            .is_err()
    );
    assert!(matches!(b.sync(), Err(SyncError::CredentialRefused(_))));
    visit(&mut a);
    assert_eq!(a.sync()?.remaining, 0, "the other kiosk is not affected");
    Ok(())
}
