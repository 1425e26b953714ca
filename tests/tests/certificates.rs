//! Certificates a city can use (ARCHITECTURE.md "Certificates"): kiosks keep syncing across a
//! renewal that changes the key and behind a TLS-terminating proxy, without enrolling again,
//! while a stranger in the middle (relaying to the real server, or answering with a server of
//! its own) is refused and gets nothing.

use kiosk_core::sync::SyncError;
use sync_server::BackgroundServer;
use system_tests::tls_proxy::{CertificateFiles, TlsProxy};
use system_tests::{KioskCore, any_port};
use wire::{EndReason, Tile};

fn visit(kiosk: &mut KioskCore) -> anyhow::Result<()> {
    kiosk.visits.start();
    kiosk.visits.open_tile(Tile::Services);
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush()?;
    Ok(())
}

fn pinned(kiosk: &KioskCore) -> anyhow::Result<String> {
    Ok(kiosk
        .data_dir
        .open_store()?
        .enrolment()?
        .map(|e| e.fingerprint)
        .unwrap_or_default())
}

#[test]
fn a_renewal_with_a_new_key_is_followed_without_enrolling_again() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let live = CertificateFiles::make(dir.path(), "live")?;
    let server = BackgroundServer::start_with_certificates(
        &dir.path().join("server"),
        any_port(),
        sync_server::SyncSettings::default(),
        Some((live.cert.clone(), live.key.clone())),
        Vec::new(),
    )?;
    let kiosk_dir = tempfile::tempdir()?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    assert_eq!(pinned(&kiosk)?, live.fingerprint()?);
    visit(&mut kiosk)?;
    assert_eq!(kiosk.sync()?.remaining, 0);

    // Let's Encrypt renews with a new key, written over the same files; the server picks it up.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let renewed = CertificateFiles::make(dir.path(), "renewed")?;
    let new_fingerprint = renewed.fingerprint()?;
    renewed.replace(&live)?;
    assert!(server.certificates().reload_if_changed()?);
    assert_eq!(server.certificates().fingerprint(), new_fingerprint);

    visit(&mut kiosk)?;
    assert_eq!(kiosk.sync()?.remaining, 0, "synced across the renewal");
    assert_eq!(
        pinned(&kiosk)?,
        new_fingerprint,
        "the new certificate is pinned"
    );
    assert_eq!(
        server.store().events_of(&kiosk_id)?,
        kiosk.data_dir.open_store()?.all_events()?,
        "every record arrived once"
    );
    Ok(())
}

#[test]
fn behind_a_tls_terminating_proxy_kiosks_follow_its_certificate() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let proxy_certificate = CertificateFiles::make(dir.path(), "proxy")?;
    // The server is told which certificate kiosks see (the proxy's); it announces that one.
    let server = BackgroundServer::start_with_certificates(
        &dir.path().join("server"),
        any_port(),
        sync_server::SyncSettings::default(),
        None,
        vec![proxy_certificate.cert.clone()],
    )?;
    assert_eq!(server.fingerprint(), proxy_certificate.fingerprint()?);
    let proxy = TlsProxy::start(&proxy_certificate, server.address())?;
    let kiosk_dir = tempfile::tempdir()?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol_via(&server, &proxy.url())?;
    visit(&mut kiosk)?;
    assert_eq!(kiosk.sync()?.remaining, 0, "synced through the proxy");

    // The proxy's certificate is renewed with a new key; the file the server watches too.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let renewed = CertificateFiles::make(dir.path(), "proxy-renewed")?;
    let new_fingerprint = renewed.fingerprint()?;
    renewed.replace(&proxy_certificate)?;
    proxy.present(&proxy_certificate)?;
    visit(&mut kiosk)?;
    assert_eq!(
        kiosk.sync()?.remaining,
        0,
        "synced across the proxy's renewal"
    );
    assert_eq!(pinned(&kiosk)?, new_fingerprint);
    assert_eq!(
        server.store().events_of(&kiosk_id)?,
        kiosk.data_dir.open_store()?.all_events()?
    );
    Ok(())
}

#[test]
fn a_stranger_in_the_middle_is_refused_and_gets_nothing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(&dir.path().join("server"), any_port())?;
    let forged_server = BackgroundServer::start(&dir.path().join("forged"), any_port())?;
    let honest = CertificateFiles::make(dir.path(), "honest")?;
    // The kiosk reaches its server through an address that someone else takes over later.
    let proxy = TlsProxy::start(&honest, server.address())?;
    let kiosk_dir = tempfile::tempdir()?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    // Enrolled on the address with the real server's own certificate presented.
    let code = sync_server::enrolment::create_code(server.store(), "Library", "Old Town", 1)?;
    let store = kiosk.data_dir.open_store()?;
    system_tests::runtime()?.block_on(kiosk_core::sync::enrol(
        &store,
        &format!("https://{}", server.address()),
        server.fingerprint().parse()?,
        &code.code,
    ))?;
    let kiosk_id = store.enrolment()?.map(|e| e.kiosk_id).unwrap_or_default();
    visit(&mut kiosk)?;
    assert_eq!(kiosk.sync()?.remaining, 0);
    let held = server.store().events_of(&kiosk_id)?.len();

    // Now the kiosk's address leads to a stranger with another certificate (for the same
    // name), relaying to the real server: the real server's proof does not list it.
    let mut enrolment = store
        .enrolment()?
        .ok_or_else(|| anyhow::anyhow!("enrolled"))?;
    enrolment.server_url = proxy.url();
    store.save_enrolment(&enrolment)?;
    visit(&mut kiosk)?;
    let refused = kiosk.sync();
    assert!(
        matches!(&refused, Err(SyncError::IdentityRefused(why)) if why.contains("not one the server vouches for")),
        "{refused:?}"
    );
    // …or to a server of the stranger's own: its proof is not signed with the pinned key.
    proxy.point_at(forged_server.address());
    let refused = kiosk.sync();
    assert!(
        matches!(&refused, Err(SyncError::IdentityRefused(why)) if why.contains("not signed with the key")),
        "{refused:?}"
    );
    assert_eq!(
        server.store().events_of(&kiosk_id)?.len(),
        held,
        "nothing relayed"
    );
    assert!(
        forged_server.store().kiosks()?.is_empty(),
        "nothing reached the stranger"
    );
    assert!(
        kiosk.data_dir.open_store()?.unsent_count()? > 0,
        "the kiosk keeps its records"
    );
    assert_eq!(
        pinned(&kiosk)?,
        server.fingerprint(),
        "nothing new was pinned"
    );

    // Back on the real address, it carries on.
    enrolment.server_url = format!("https://{}", server.address());
    store.save_enrolment(&enrolment)?;
    assert_eq!(kiosk.sync()?.remaining, 0);
    Ok(())
}
