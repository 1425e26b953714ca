//! A process the kill tests start and then kill with SIGKILL: `fault-child server DIR ADDR`
//! runs a sync server; `fault-child kiosk DIR` syncs a kiosk's data directory over and over;
//! `fault-child content DIR` fetches and installs content over and over.
//! Not for people: see `tests/tests/kill.rs`.

use std::net::SocketAddr;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [role, dir, address] if role == "server" => {
            let address: SocketAddr = address.parse()?;
            let _server = sync_server::BackgroundServer::start(&PathBuf::from(dir), address)?;
            println!("ready");
            loop {
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
        }
        [role, dir] if role == "kiosk" => {
            let data_dir = kiosk_core::data_dir::DataDir::open(&PathBuf::from(dir))?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let mut link = kiosk_core::sync::LinkEstimate::default();
            loop {
                let mut store = data_dir.open_store()?;
                let _ = runtime.block_on(kiosk_core::sync::sync_now(&mut store, &mut link));
            }
        }
        [role, dir] if role == "content" => {
            let data_dir = kiosk_core::data_dir::DataDir::open(&PathBuf::from(dir))?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            loop {
                let store = data_dir.open_store()?;
                let _ = runtime.block_on(kiosk_core::sync::update_content(&store));
            }
        }
        _ => anyhow::bail!(
            "usage: fault-child server DIR ADDR | fault-child kiosk DIR | fault-child content DIR"
        ),
    }
}
