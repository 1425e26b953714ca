//! `kiosk update`: where the kiosk's software update stands, and installing a downloaded one
//! now rather than at the next quiet hour (the privileged installer does the installing).

use std::process::ExitCode;

use kiosk::data_dir::DataDir;
use kiosk::updates::{self, UpdateDir};

/// What `kiosk update` can do.
#[derive(Debug, clap::Subcommand)]
pub enum UpdateCommand {
    /// Where the update stands: the version running, one downloading, ready or installed.
    Status,
    /// Ask the installer to install the downloaded update now instead of at a quiet hour
    /// (it restarts the kiosk, so do it when nobody is using it).
    InstallNow,
}

pub fn run(data_dir: &DataDir, command: UpdateCommand) -> anyhow::Result<ExitCode> {
    let dir = UpdateDir::new(data_dir.path());
    match command {
        UpdateCommand::Status => {
            updates::take_installer_result(&dir)?;
            println!("Running: {}", updates::running_version());
            match dir.state().status {
                Some(status) => println!("Update:  {}", updates::describe(&status)),
                None => println!("Update:  none (nothing newer published, or not checked yet)"),
            }
            Ok(ExitCode::SUCCESS)
        }
        UpdateCommand::InstallNow => {
            updates::take_installer_result(&dir)?;
            let store = data_dir.open_store()?;
            let server_key = store
                .enrolment()?
                .map(|e| e.content_key)
                .unwrap_or_default();
            match updates::request_install_now(&dir, &server_key, &updates::running_version())? {
                Some(version) => {
                    println!(
                        "Asked the installer to install {version}: the kiosk restarts on it within minutes, or goes back to {} by itself if it does not come up healthy.",
                        updates::running_version()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    eprintln!(
                        "No downloaded update is ready to install (see `kiosk update status`; `kiosk sync --once` fetches one)."
                    );
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
