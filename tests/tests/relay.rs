//! Records that travel through untrusted hops, through real HTTPS: a tablet with no uplink
//! writes its records to a USB stick (a folder here), a library kiosk takes them in and hands
//! them to the server at its next sync, and the server's signed acknowledgement goes back on
//! the stick with newer content; every record is stored once however many routes it takes
//! (the stick imported twice, by two kiosks, and the tablet syncing directly at the end).
//! A relay that alters a bundle, signs one as another kiosk or forges an acknowledgement is
//! found out, and the tablet's records still arrive.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use kiosk_core::relay::stick::{self, FOLDER};
use rand::SeedableRng as _;
use sync_server::BackgroundServer;
use sync_server::content::ContentShelf;
use system_tests::{KioskCore, any_port, runtime};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample")
}

/// Records `visits` simulated visits and waits until they are on disk.
fn visits(kiosk: &mut KioskCore, visits: u32, seed: u64) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let locales: Vec<String> = ["en", "es", "ar"].map(String::from).to_vec();
    kiosk_core::simulate::simulate(&mut kiosk.visits, visits, &locales, &mut rng);
    kiosk.flush().unwrap();
}

fn export(kiosk: &KioskCore, stick_dir: &Path) -> stick::Exported {
    let store = kiosk.data_dir.open_store().unwrap();
    stick::export_to(&store, kiosk.data_dir.path(), stick_dir).unwrap()
}

fn import(kiosk: &KioskCore, stick_dir: &Path) -> stick::Imported {
    let mut store = kiosk.data_dir.open_store().unwrap();
    stick::import_from(
        &mut store,
        kiosk.data_dir.path(),
        stick_dir,
        kiosk_core::clock::now(),
    )
    .unwrap()
}

/// Every record the server holds of a kiosk, as (sequence number, kind).
fn held(server: &BackgroundServer, kiosk_id: &str) -> Vec<(u64, String)> {
    server.store().record_kinds_of(kiosk_id).unwrap()
}

fn unsent(kiosk: &KioskCore) -> u64 {
    kiosk.data_dir.open_store().unwrap().unsent_count().unwrap()
}

fn bundle_files(stick_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(stick_dir.join(FOLDER).join("bundles"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "bundle"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_tablets_records_arrive_once_through_a_usb_stick_and_its_acknowledgement_comes_back() {
    let dirs: Vec<_> = (0..5).map(|_| tempfile::tempdir().unwrap()).collect();
    let (server_dir, tablet_dir, library_dir, other_dir, stick_dir) = (
        dirs[0].path(),
        dirs[1].path(),
        dirs[2].path(),
        dirs[3].path(),
        dirs[4].path(),
    );
    let server = BackgroundServer::start(server_dir, any_port()).unwrap();
    let mut tablet = KioskCore::open(tablet_dir).unwrap();
    let tablet_id = tablet.enrol(&server).unwrap();
    let library = KioskCore::open(library_dir).unwrap();
    library.enrol(&server).unwrap();
    // Content published after the tablet left: it gets it through the library kiosk.
    ContentShelf::new(server_dir)
        .publish(&sample(), None, 100)
        .unwrap();
    let store = library.data_dir.open_store().unwrap();
    runtime()
        .unwrap()
        .block_on(kiosk_core::sync::update_content(&store))
        .unwrap();

    // Days away from any uplink: visits, and a resident's request with sealed personal data.
    visits(&mut tablet, 12, 7);
    tablet
        .visits
        .keep(system_tests::sealed_request("K-00001", 1, 200));
    tablet.flush().unwrap();
    let written = tablet.data_dir.open_store().unwrap().all_events().unwrap();
    let waiting = unsent(&tablet);
    assert!(waiting > 12, "{waiting}");

    // The tablet writes its records to the stick: sealed, so nothing of a visit shows.
    let exported = export(&tablet, stick_dir);
    assert_eq!(
        (exported.own_records, exported.own_bundles, exported.left),
        (waiting, 1, 0)
    );
    let on_stick = std::fs::read(&bundle_files(stick_dir)[0]).unwrap();
    for event in &written {
        assert!(
            !contains(&on_stick, event.session.as_bytes()),
            "a visit id is readable on the stick"
        );
        let packed = hex_bytes(&event.session);
        assert!(!contains(&on_stick, &packed), "a visit id is on the stick");
    }
    // Exporting again replaces the tablet's bundle rather than adding to it.
    export(&tablet, stick_dir);
    assert_eq!(bundle_files(stick_dir).len(), 1);
    // A second stick with the same bundle, carried another way.
    let second_stick = tempfile::tempdir().unwrap();
    let second_bundles = second_stick.path().join(FOLDER).join("bundles");
    std::fs::create_dir_all(&second_bundles).unwrap();
    let bundle_path = &bundle_files(stick_dir)[0];
    std::fs::copy(
        bundle_path,
        second_bundles.join(bundle_path.file_name().unwrap()),
    )
    .unwrap();

    // At the library: the kiosk takes the bundle and hands it over at its next sync.
    let imported = import(&library, stick_dir);
    assert_eq!((imported.bundles_taken, imported.bundles_known), (1, 0));
    assert_eq!(
        imported.handed_back.content,
        Some(1),
        "the library's content"
    );
    assert!(held(&server, &tablet_id).is_empty());
    let report = library.sync().unwrap();
    assert_eq!(report.relayed, 1, "{report:?}");
    let stored = held(&server, &tablet_id);
    assert_eq!(stored.len() as u64, waiting, "every record of the tablet");
    assert_eq!(server.store().events_of(&tablet_id).unwrap(), written);
    assert_eq!(unsent(&tablet), waiting, "the tablet does not know yet");

    // The librarian plugs the stick in again before leaving: the acknowledgement goes on it.
    let again = import(&library, stick_dir);
    assert_eq!((again.bundles_taken, again.bundles_known), (0, 1));
    assert_eq!(again.handed_back.acks, 1);

    // Back at the tablet: its records are marked sent, the request's personal data erased,
    // and the newer content installed from the stick.
    let at_tablet = import(&tablet, stick_dir);
    assert_eq!(at_tablet.own_records_acked, waiting);
    assert_eq!(at_tablet.content_installed, Some(1), "{at_tablet:?}");
    assert_eq!(unsent(&tablet), 0);
    let requests = tablet.data_dir.open_store().unwrap().requests().unwrap();
    assert!(requests.iter().all(|request| request.sealed.is_none()));
    assert_eq!(
        kiosk_core::content_dir::ContentDir::new(tablet.data_dir.path()).current_version(),
        1
    );

    // A kiosk that saw the acknowledgement does not carry the bundle again.
    let other = KioskCore::open(other_dir).unwrap();
    other.enrol(&server).unwrap();
    let seen = import(&other, stick_dir);
    assert_eq!((seen.bundles_taken, seen.bundles_known), (0, 1), "{seen:?}");
    // The second stick's copy at that kiosk (which does not know the bundle): it goes to
    // the server a second time and nothing is stored twice.
    let other_dir2 = tempfile::tempdir().unwrap();
    let other = KioskCore::open(other_dir2.path()).unwrap();
    other.enrol(&server).unwrap();
    assert_eq!(import(&other, second_stick.path()).bundles_taken, 1);
    assert_eq!(other.sync().unwrap().relayed, 1);
    assert_eq!(held(&server, &tablet_id), stored);

    // And the tablet reaching the server directly at last sends only its new heartbeat.
    let direct = tablet.sync().unwrap();
    assert_eq!((direct.sent, direct.remaining), (1, 0), "{direct:?}");
    let after = held(&server, &tablet_id);
    assert_eq!(after.len(), stored.len() + 1);
    assert_eq!(server.store().events_of(&tablet_id).unwrap(), written);
    assert_eq!(server.store().conflict_count(&tablet_id).unwrap(), 0);
}

#[test]
fn a_relay_cannot_alter_forge_or_claim_a_bundle_and_the_records_still_arrive() {
    let dirs: Vec<_> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let (server_dir, tablet_dir, relay_dir, stick_dir) = (
        dirs[0].path(),
        dirs[1].path(),
        dirs[2].path(),
        dirs[3].path(),
    );
    let server = BackgroundServer::start(server_dir, any_port()).unwrap();
    let mut tablet = KioskCore::open(tablet_dir).unwrap();
    let tablet_id = tablet.enrol(&server).unwrap();
    let relay = KioskCore::open(relay_dir).unwrap();
    let relay_id = relay.enrol(&server).unwrap();
    visits(&mut tablet, 5, 11);
    let waiting = unsent(&tablet);
    export(&tablet, stick_dir);
    let genuine_path = bundle_files(stick_dir)[0].clone();
    let genuine = std::fs::read(&genuine_path).unwrap();
    let bundle = wire::RelayBundle::decode(&genuine).unwrap();
    let bundles = stick_dir.join(FOLDER).join("bundles");

    // 1. Altered on the way: one byte of the sealed batch changed.
    let mut altered = bundle.clone();
    altered.sealed[40] ^= 1;
    // 2. The tablet's sealed batch re-signed by the relay as its own.
    let mut claimed = bundle.clone();
    claimed.kiosk = relay_id.clone();
    claimed.signature = sign_as(&relay, &relay_id, &claimed.sealed);
    // 3. Records made up by the relay in the tablet's name, sealed to the server and signed
    //    with the relay's own key.
    let forged_batch = wire::encode_batch(&[wire::WireRecord {
        seq: 1,
        body: wire::RecordBody::Heartbeat(wire::Heartbeat {
            at: kiosk_core::clock::now(),
            waiting: 0,
            software_version: "forged".into(),
            devices: Default::default(),
            content_version: 0,
            health: Default::default(),
            update: None,
        })
        .encode(),
    }]);
    let sealing: kiosk_core::sealing::SealingKey = relay
        .data_dir
        .open_store()
        .unwrap()
        .enrolment()
        .unwrap()
        .unwrap()
        .sealing_key
        .parse()
        .unwrap();
    let sealed = sealing
        .seal(
            &wire::SealedBatch {
                kiosk: tablet_id.clone(),
                batch: forged_batch,
            }
            .encode(),
        )
        .unwrap();
    let forged = wire::RelayBundle {
        kiosk: tablet_id.clone(),
        signature: sign_as(&relay, &relay_id, &sealed),
        sealed,
    };
    std::fs::remove_file(&genuine_path).unwrap();
    for (name, bad) in [("a", &altered), ("b", &claimed), ("c", &forged)] {
        std::fs::write(bundles.join(format!("{name}.bundle")), bad.encode()).unwrap();
    }
    std::fs::write(bundles.join("d.bundle"), b"not a bundle").unwrap();

    let imported = import(&relay, stick_dir);
    // The claimed one names the relay itself: a kiosk never carries its "own" bundle.
    assert_eq!(
        (imported.bundles_taken, imported.bundles_unreadable),
        (2, 1),
        "{imported:?}"
    );
    let report = relay.sync().unwrap();
    assert_eq!(report.relayed, 0, "{report:?}");
    assert!(
        relay
            .data_dir
            .open_store()
            .unwrap()
            .carried_bundles()
            .unwrap()
            .is_empty(),
        "refused bundles are dropped, not retried"
    );
    assert!(
        held(&server, &tablet_id).is_empty(),
        "nothing forged got in"
    );

    // The re-signed one, handed over by a kiosk that does carry it, is refused too.
    let third_dir = tempfile::tempdir().unwrap();
    let third = KioskCore::open(third_dir.path()).unwrap();
    third.enrol(&server).unwrap();
    let claimed_only = tempfile::tempdir().unwrap();
    let claimed_dir = claimed_only.path().join(FOLDER).join("bundles");
    std::fs::create_dir_all(&claimed_dir).unwrap();
    std::fs::write(claimed_dir.join("b.bundle"), claimed.encode()).unwrap();
    assert_eq!(import(&third, claimed_only.path()).bundles_taken, 1);
    assert_eq!(third.sync().unwrap().relayed, 0);
    assert!(
        held(&server, &relay_id)
            .iter()
            .all(|(_, kind)| kind == "heartbeat")
    );

    // The genuine bundle still gets through, as does a replay of it: stored once.
    std::fs::write(&genuine_path, &genuine).unwrap();
    let imported = import(&relay, stick_dir);
    assert_eq!(
        (imported.bundles_taken, imported.bundles_refused_before),
        (1, 2),
        "the refused ones are not taken again"
    );
    assert_eq!(relay.sync().unwrap().relayed, 1);
    let stored = held(&server, &tablet_id);
    assert_eq!(stored.len() as u64, waiting);

    // An acknowledgement changed on the stick to claim more than the server holds is
    // ignored by the tablet; the genuine one marks exactly the records sent.
    import(&relay, stick_dir);
    let acks_dir = stick_dir.join(FOLDER).join("acks");
    let ack_path = std::fs::read_dir(&acks_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let genuine_ack = std::fs::read(&ack_path).unwrap();
    let mut ack: wire::SignedRelayAck = serde_json::from_slice(&genuine_ack).unwrap();
    ack.ack = ack.ack.replace(
        &format!("\"last\":{waiting}"),
        &format!("\"last\":{}", waiting + 100),
    );
    std::fs::write(&ack_path, serde_json::to_vec(&ack).unwrap()).unwrap();
    visits(&mut tablet, 1, 12);
    let before = unsent(&tablet);
    let at_tablet = import(&tablet, stick_dir);
    assert_eq!(
        (at_tablet.acks_refused, at_tablet.own_records_acked),
        (1, 0),
        "{at_tablet:?}"
    );
    assert_eq!(unsent(&tablet), before);
    std::fs::write(&ack_path, &genuine_ack).unwrap();
    let at_tablet = import(&tablet, stick_dir);
    assert_eq!(at_tablet.own_records_acked, waiting);
    assert_eq!(
        unsent(&tablet),
        before - waiting,
        "the new visit still waits"
    );
}

/// Signs a bundle message with a kiosk's own device key (what a dishonest relay can do).
fn sign_as(kiosk: &KioskCore, kiosk_id: &str, sealed: &[u8]) -> Vec<u8> {
    kiosk_core::sync::device_key::DeviceKey::load(kiosk.data_dir.path())
        .unwrap()
        .unwrap()
        .sign_bundle(kiosk_id, sealed)
        .to_vec()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

/// `kiosk` carrying for others on the loopback LAN, announced with an mDNS of the test's own.
fn carrying_on_the_lan(
    kiosk: &KioskCore,
) -> (
    kiosk_core::relay::lan::Discovery,
    kiosk_core::relay::lan::RelayListener,
) {
    let discovery = kiosk_core::relay::lan::Discovery {
        mdns_port: free_udp_port(),
        loopback_only: true,
    };
    let listener = kiosk_core::relay::lan::RelayListener::start(
        kiosk.data_dir.clone(),
        "127.0.0.1:0".parse().unwrap(),
        Some(discovery),
    )
    .unwrap();
    (discovery, listener)
}

/// A UDP port free at the moment, for an mDNS of this test's own.
fn free_udp_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_tablets_records_arrive_once_through_a_kiosk_on_the_lan_found_with_mdns() {
    use kiosk_core::relay::lan;
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let server = BackgroundServer::start(dirs[0].path(), any_port()).unwrap();
    let mut tablet = KioskCore::open(dirs[1].path()).unwrap();
    let tablet_id = tablet.enrol(&server).unwrap();
    let library = KioskCore::open(dirs[2].path()).unwrap();
    library.enrol(&server).unwrap();
    ContentShelf::new(dirs[0].path())
        .publish(&sample(), None, 100)
        .unwrap();
    let store = library.data_dir.open_store().unwrap();
    runtime()
        .unwrap()
        .block_on(kiosk_core::sync::update_content(&store))
        .unwrap();
    let server_key = store.enrolment().unwrap().unwrap().content_key;

    // The library kiosk carries for others and says so on the (loopback) LAN.
    let (discovery, listener) = carrying_on_the_lan(&library);

    // The tablet finds it, and no relay of another server.
    let found = lan::discover(&server_key, discovery, std::time::Duration::from_secs(10)).unwrap();
    assert_eq!(found, [listener.address()]);
    assert!(
        lan::discover(
            "another server",
            discovery,
            std::time::Duration::from_secs(2)
        )
        .unwrap()
        .is_empty()
    );

    visits(&mut tablet, 8, 21);
    let waiting = unsent(&tablet);
    let written = tablet.data_dir.open_store().unwrap().all_events().unwrap();
    let exchange = |kiosk: &KioskCore| {
        runtime()
            .unwrap()
            .block_on(lan::exchange(&kiosk.data_dir, listener.address()))
            .unwrap()
    };
    let first = exchange(&tablet);
    assert_eq!(
        (
            first.own_records,
            first.bundles_taken,
            first.own_records_acked
        ),
        (waiting, 1, 0)
    );
    assert_eq!(
        first.content_installed,
        Some(1),
        "content comes the other way"
    );
    // Looking again before any acknowledgement: nothing is handed over a second time.
    let again = exchange(&tablet);
    assert_eq!((again.own_records, again.bundles_taken), (0, 0));

    // The library kiosk's next pass takes them to the server.
    assert_eq!(library.sync().unwrap().relayed, 1);
    assert_eq!(server.store().events_of(&tablet_id).unwrap(), written);

    // The next exchange brings the acknowledgement back; nothing is handed over again.
    let second = exchange(&tablet);
    assert_eq!(
        (
            second.own_records_acked,
            second.own_records,
            second.bundles_taken
        ),
        (waiting, 0, 0)
    );
    assert_eq!(second.content_installed, None);
    assert_eq!(unsent(&tablet), 0);

    // Reaching the server directly later: only a heartbeat, nothing doubled.
    assert_eq!(tablet.sync().unwrap().sent, 1);
    assert_eq!(held(&server, &tablet_id).len() as u64, waiting + 1);
    assert_eq!(server.store().events_of(&tablet_id).unwrap(), written);

    // Whatever comes from the LAN is bounded and checked.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let base = format!("http://{}", listener.address());
    let statuses = runtime().unwrap().block_on(async {
        let client = reqwest::Client::new();
        let junk = client
            .post(format!("{base}{}", lan::paths::BUNDLES))
            .body(vec![0u8; 100])
            .send()
            .await
            .unwrap()
            .status();
        let huge = client
            .post(format!("{base}{}", lan::paths::BUNDLES))
            .body(vec![0u8; wire::MAX_RELAY_BUNDLE + 1])
            .send()
            .await
            .unwrap()
            .status();
        let outside = client
            .get(format!("{base}{}/..%2Fkiosk.db", lan::paths::FILES))
            .send()
            .await
            .unwrap()
            .status();
        [junk.as_u16(), huge.as_u16(), outside.as_u16()]
    });
    assert_eq!(statuses, [400, 413, 404]);
}

#[test]
fn a_kiosk_whose_uplink_is_down_hands_its_records_to_a_relay_on_the_lan_by_itself() {
    use kiosk_core::sync::{SyncWorker, WorkerSettings};
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let server = BackgroundServer::start(dirs[0].path(), any_port()).unwrap();
    // The tablet reaches the server through a link that then goes away.
    let uplink = system_tests::fault_proxy::FaultProxy::start(server.address()).unwrap();
    let mut tablet = KioskCore::open(dirs[1].path()).unwrap();
    let tablet_id = tablet.enrol_via(&server, &uplink.url()).unwrap();
    drop(uplink);
    let library = KioskCore::open(dirs[2].path()).unwrap();
    library.enrol(&server).unwrap();
    let (discovery, _listener) = carrying_on_the_lan(&library);

    visits(&mut tablet, 4, 33);
    let written = tablet.data_dir.open_store().unwrap().all_events().unwrap();
    let worker = SyncWorker::spawn(
        tablet.data_dir.clone(),
        WorkerSettings {
            lan_relay: Some(discovery),
            ..WorkerSettings::default()
        },
    )
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let carried = loop {
        let carried = library
            .data_dir
            .open_store()
            .unwrap()
            .carried_bundles()
            .unwrap();
        if !carried.is_empty() || std::time::Instant::now() > deadline {
            break carried;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    drop(worker);
    assert_eq!(
        carried.len(),
        1,
        "the tablet's worker handed its records over"
    );
    assert_eq!(carried[0].1, tablet_id);
    assert_eq!(library.sync().unwrap().relayed, 1);
    assert_eq!(server.store().events_of(&tablet_id).unwrap(), written);
}
