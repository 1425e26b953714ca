//! `sync-server device revoke|quarantine|release ID`.

use crate::DataDir;
use crate::store::DeviceState;

pub fn set(data_dir: &DataDir, kiosk_id: &str, state: DeviceState) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    if !store.set_device_state(kiosk_id, state, crate::clock::now())? {
        anyhow::bail!(
            "no kiosk {kiosk_id} in {}: `sync-server kiosks` lists them",
            data_dir.path().display()
        );
    }
    match state {
        DeviceState::Revoked => println!(
            "Kiosk {kiosk_id} is revoked: its next request is refused. To use it again, enrol it with a new code."
        ),
        DeviceState::Quarantined => println!(
            "Kiosk {kiosk_id} is quarantined: its requests are refused until `sync-server device release {kiosk_id}`. It keeps its records meanwhile."
        ),
        DeviceState::Active => println!("Kiosk {kiosk_id} may sync again."),
    }
    Ok(())
}
