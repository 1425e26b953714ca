//! `kiosk relay`: records carried on a USB stick (or any folder) between a kiosk with no
//! uplink and one that reaches the server.

use std::path::PathBuf;
use std::process::ExitCode;

use kiosk::data_dir::DataDir;
use kiosk::relay::{lan, stick};

/// What `kiosk relay` can do.
#[derive(Debug, clap::Subcommand)]
pub enum RelayCommand {
    /// Write this kiosk's waiting records to DIR as sealed, signed bundles (only the server
    /// can read them), with the bundles and acknowledgements it carries for other kiosks and
    /// its signed content. Records stay here, waiting, until the server acknowledges them.
    Export {
        /// The stick or folder (e.g. /media/usb); everything goes in its
        /// inclusion-kiosk-relay folder.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Take in what DIR holds: other kiosks' bundles to hand to the server at the next sync,
    /// the server's acknowledgements (this kiosk's records are then marked sent), newer signed
    /// content. Then write back the acknowledgements and content this kiosk holds.
    Import {
        /// The stick or folder written by `kiosk relay export`.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
    },
    /// Carry for kiosks of the same server on this LAN until Ctrl-C: listen on ADDR and
    /// announce this kiosk with mDNS (DNS-SD type _inclusion-relay._tcp). What it takes goes
    /// to the server at its syncs (`kiosk run` or `kiosk sync`).
    Serve {
        /// Where to listen (port 0: any free port).
        #[arg(long, value_name = "ADDR", default_value = "0.0.0.0:7337")]
        listen: std::net::SocketAddr,
        #[command(flatten)]
        discovery: DiscoveryArgs,
    },
    /// Exchange with a kiosk on this LAN that carries for others: hand it this kiosk's waiting
    /// records (sealed and signed), take back the server's acknowledgements and newer content.
    /// Without --with, the relay is found with mDNS.
    Exchange {
        /// The relay's address, e.g. 192.168.1.20:7337.
        #[arg(long = "with", value_name = "ADDR")]
        with: Option<std::net::SocketAddr>,
        /// How long to look for a relay with mDNS, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 5)]
        wait: u64,
        #[command(flatten)]
        discovery: DiscoveryArgs,
    },
}

/// How relays are announced and found.
#[derive(Debug, clap::Args)]
pub struct DiscoveryArgs {
    /// The mDNS port (5353; another only where every kiosk is set the same, e.g. tests).
    #[arg(long, value_name = "PORT", default_value_t = 5353)]
    mdns_port: u16,
    /// Announce and look on the loopback interface only (a test on one machine).
    #[arg(long, hide = true)]
    mdns_loopback_only: bool,
}

impl DiscoveryArgs {
    fn discovery(&self) -> lan::Discovery {
        lan::Discovery {
            mdns_port: self.mdns_port,
            loopback_only: self.mdns_loopback_only,
        }
    }
}

pub fn run(data_dir: &DataDir, command: RelayCommand) -> anyhow::Result<ExitCode> {
    match command {
        RelayCommand::Export { to } => {
            let store = data_dir.open_store()?;
            let exported = stick::export_to(&store, data_dir.path(), &to)?;
            println!(
                "Wrote {} record(s) of this kiosk in {} bundle(s) to {}.",
                exported.own_records,
                exported.own_bundles,
                to.join(stick::FOLDER).display()
            );
            if exported.left > 0 {
                println!(
                    "{} more record(s) did not fit; export again once these are acknowledged.",
                    exported.left
                );
            }
            describe_handed(&exported);
            Ok(ExitCode::SUCCESS)
        }
        RelayCommand::Import { from } => {
            let mut store = data_dir.open_store()?;
            let imported =
                stick::import_from(&mut store, data_dir.path(), &from, kiosk::clock::now())?;
            println!(
                "Took {} bundle(s) to hand to the server at the next sync ({} already known).",
                imported.bundles_taken, imported.bundles_known
            );
            if imported.bundles_no_room > 0 {
                println!(
                    "{} bundle(s) left on the stick: this kiosk already carries all it may ({} MiB).",
                    imported.bundles_no_room,
                    wire::MAX_CARRIED_BYTES / (1024 * 1024)
                );
            }
            if imported.bundles_refused_before > 0 {
                println!(
                    "{} bundle(s) on the stick were refused by the server before (altered or forged) and were left there.",
                    imported.bundles_refused_before
                );
            }
            if imported.bundles_unreadable > 0 {
                println!(
                    "{} file(s) in bundles/ are not bundles and were ignored.",
                    imported.bundles_unreadable
                );
            }
            describe_returned(
                imported.own_records_acked,
                imported.acks_refused,
                imported.content_installed,
                "the stick",
            );
            if imported.acks_carried > 0 {
                println!(
                    "Kept {} acknowledgement(s) for other kiosks, to pass on.",
                    imported.acks_carried
                );
            }
            if let Some(why) = &imported.content_refused {
                println!("The stick's content was not installed: {why}.");
            }
            describe_handed(&imported.handed_back);
            let waiting = store.unsent_count()?;
            println!("{waiting} record(s) of this kiosk still wait to reach the server.");
            Ok(ExitCode::SUCCESS)
        }
        RelayCommand::Serve { listen, discovery } => {
            let listener =
                lan::RelayListener::start(data_dir.clone(), listen, Some(discovery.discovery()))?;
            println!(
                "Carrying for kiosks of this server on the LAN at {} (announced with mDNS); press Ctrl-C to stop.",
                listener.address()
            );
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
                .block_on(tokio::signal::ctrl_c())?;
            drop(listener);
            Ok(ExitCode::SUCCESS)
        }
        RelayCommand::Exchange {
            with,
            wait,
            discovery,
        } => {
            let store = data_dir.open_store()?;
            let enrolment = store
                .enrolment()?
                .ok_or(kiosk::relay::RelayError::NotEnrolled)?;
            drop(store);
            let address = match with {
                Some(address) => address,
                None => {
                    let found = lan::discover(
                        &enrolment.content_key,
                        discovery.discovery(),
                        std::time::Duration::from_secs(wait),
                    )?;
                    match found.first() {
                        Some(address) => *address,
                        None => {
                            eprintln!(
                                "No kiosk of this server carrying for others was found on this LAN within {wait} s (mDNS). Try --with ADDR, or a USB stick (kiosk relay export)."
                            );
                            return Ok(ExitCode::from(1));
                        }
                    }
                }
            };
            let exchanged = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
                .block_on(lan::exchange(data_dir, address))?;
            println!(
                "Handed {} record(s) of this kiosk to the relay at {address} ({} new bundle(s) taken).",
                exchanged.own_records, exchanged.bundles_taken
            );
            if exchanged.carried_handed_on > 0 {
                println!(
                    "Handed on {} bundle(s) carried for other kiosks.",
                    exchanged.carried_handed_on
                );
            }
            describe_returned(
                exchanged.own_records_acked,
                exchanged.acks_refused,
                exchanged.content_installed,
                "the relay",
            );
            let waiting = data_dir.open_store()?.unsent_count()?;
            println!("{waiting} record(s) of this kiosk still wait to reach the server.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// What came back for this kiosk, from a stick or a relay.
fn describe_returned(acked: u64, refused: u64, content: Option<u64>, from: &str) {
    if acked > 0 {
        println!("The server acknowledged {acked} record(s) of this kiosk: they are marked sent.");
    }
    if refused > 0 {
        println!(
            "Ignored {refused} acknowledgement(s) not signed by this kiosk's server, or of bundles it did not make."
        );
    }
    if let Some(version) = content {
        println!(
            "Installed content version {version} from {from}; the kiosk uses it from its next start."
        );
    }
}

fn describe_handed(exported: &stick::Exported) {
    if exported.carried_bundles > 0 {
        println!(
            "Wrote {} bundle(s) carried for other kiosks.",
            exported.carried_bundles
        );
    }
    if exported.acks > 0 {
        println!(
            "Wrote {} acknowledgement(s) for other kiosks.",
            exported.acks
        );
    }
    if let Some(version) = exported.content {
        println!("Wrote content version {version}.");
    }
}
