//! `kiosk admin set-pin` and `kiosk admin add-card`: who may open staff mode.

use std::io::BufRead as _;
use std::process::ExitCode;

use clap::Subcommand;
use kiosk::data_dir::DataDir;
use kiosk::store::{MIN_PIN_DIGITS, StaffPin};

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Set the staff PIN (6 to 12 digits), read from standard input so it stays out of the
    /// shell's history. Takes effect when the kiosk next starts.
    SetPin,
    /// Add a staff card: the code its barcode or QR code carries. Scanning it opens staff mode.
    AddCard {
        /// The card's code, e.g. STAFF-RIVERTON-0042.
        code: String,
    },
}

pub fn run(data_dir: &DataDir, command: AdminCommand) -> anyhow::Result<ExitCode> {
    let mut store = data_dir.open_store()?;
    match command {
        AdminCommand::SetPin => {
            eprintln!("Type the new staff PIN ({MIN_PIN_DIGITS} to 12 digits) and press Enter:");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            let pin = match StaffPin::new(&line) {
                Ok(pin) => pin,
                Err(problem) => {
                    eprintln!("Not set: {problem}.");
                    return Ok(ExitCode::from(2));
                }
            };
            store.set_staff_pin(&pin)?;
            println!("Staff PIN set. It works from the kiosk's next start.");
        }
        AdminCommand::AddCard { code } => {
            let code = code.trim();
            if code.len() < 6 || code.len() > 128 {
                eprintln!("Not added: a staff card code is 6 to 128 characters.");
                return Ok(ExitCode::from(2));
            }
            store.add_staff_card(code)?;
            println!("Staff card added. Scanning it opens staff mode from the kiosk's next start.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
