//! Backup and restore as city IT would do them: a backup taken while kiosks are uploading,
//! restored into a new folder, and the kiosks carrying on against the restored server with
//! nothing lost and nothing stored twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sync_server::BackgroundServer;
use system_tests::{KioskCore, any_port};
use wire::{EndReason, Tile};

fn visit(kiosk: &mut KioskCore) -> anyhow::Result<()> {
    kiosk.visits.start();
    kiosk.visits.open_tile(Tile::Learn);
    kiosk.visits.open_tile(Tile::Services);
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush()?;
    Ok(())
}

#[test]
fn a_backup_taken_under_load_restores_and_kiosks_lose_and_double_nothing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("server");
    let server = BackgroundServer::start(&data, any_port())?;
    let address = server.address();
    let mut kiosks = Vec::new();
    for _ in 0..3 {
        let kiosk_dir = tempfile::tempdir()?;
        let id = KioskCore::open(kiosk_dir.path())?.enrol(&server)?;
        kiosks.push((kiosk_dir, id));
    }
    // Kiosks record and upload without pause while the backup is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for (kiosk_dir, id) in kiosks {
        let stop = stop.clone();
        workers.push(std::thread::spawn(move || -> anyhow::Result<_> {
            let mut kiosk = KioskCore::open(kiosk_dir.path())?;
            let mut passes = 0;
            while !stop.load(Ordering::Relaxed) || passes < 3 {
                visit(&mut kiosk)?;
                kiosk.sync()?;
                passes += 1;
            }
            drop(kiosk);
            Ok((kiosk_dir, id, passes))
        }));
    }
    std::thread::sleep(std::time::Duration::from_millis(400));
    let archive = dir.path().join("backup.tar.zst");
    let listing = sync_server::backup::create(
        &sync_server::DataDir::open_existing(&data)?,
        &archive,
        &mut |_| {},
    )?;
    assert!(
        listing
            .files
            .iter()
            .any(|f| f.path == "sync-server.sqlite3")
    );
    // More arrives after the backup: the restored server must get it back from the kiosks.
    std::thread::sleep(std::time::Duration::from_millis(400));
    stop.store(true, Ordering::Relaxed);
    let mut kiosks = Vec::new();
    for worker in workers {
        let joined = worker
            .join()
            .map_err(|_| anyhow::anyhow!("a kiosk thread panicked"))??;
        kiosks.push(joined);
    }
    let held_before: usize = kiosks
        .iter()
        .map(|(_, id, _)| server.store().events_of(id).map(|e| e.len()))
        .sum::<Result<usize, _>>()?;
    server.stop()?;

    // Restored into a new folder, served at the same address.
    let restored = dir.path().join("restored");
    sync_server::backup::restore(&archive, &restored, &mut |_| {})?;
    let server = BackgroundServer::start(&restored, address)?;
    let held_after_restore: usize = kiosks
        .iter()
        .map(|(_, id, _)| server.store().events_of(id).map(|e| e.len()))
        .sum::<Result<usize, _>>()?;
    assert!(
        held_after_restore < held_before,
        "the backup was taken mid-load ({held_after_restore} of {held_before} events)"
    );
    for (kiosk_dir, id, passes) in &kiosks {
        assert!(*passes >= 3);
        let kiosk = KioskCore::open(kiosk_dir.path())?;
        assert_eq!(kiosk.sync()?.remaining, 0);
        let local = kiosk.data_dir.open_store()?.all_events()?;
        assert_eq!(
            server.store().events_of(id)?,
            local,
            "kiosk {id}: every event once, none lost"
        );
    }
    Ok(())
}
