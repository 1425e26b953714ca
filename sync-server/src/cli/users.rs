//! `sync-server users add|list`.

use std::io::{BufRead as _, IsTerminal as _};

use anyhow::Context as _;
use sync_server::store::Role;
use sync_server::{DataDir, accounts, clock};

/// Adds a user; the password comes from standard input, or is generated and printed once.
pub fn add(
    data_dir: &DataDir,
    name: &str,
    role: &str,
    sites: &[String],
    generate: bool,
) -> anyhow::Result<()> {
    let role = Role::parse(role).with_context(|| {
        format!(
            "\"{role}\" is not a role; choose one of: {}",
            Role::ALL.map(Role::as_str).join(", ")
        )
    })?;
    let stdin = std::io::stdin();
    let (password, generated) = if generate || stdin.is_terminal() {
        (accounts::generate_password(), true)
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    };
    let store = data_dir.open_store()?;
    accounts::add_user(&store, name, role, &password, sites, clock::now())?;
    store.audit(
        "cli",
        Role::Admin,
        "add_user",
        &format!("{name} as {}", role.as_str()),
        clock::now(),
    )?;
    println!("Added {name} as {}.", role.as_str());
    if !sites.is_empty() {
        println!("Sites: {}", sites.join(", "));
    }
    if generated {
        println!("Password (shown only now): {password}");
    }
    Ok(())
}

/// Lists users.
pub fn list(data_dir: &DataDir) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let users = store.staff_users()?;
    if users.is_empty() {
        println!(
            "No staff users yet: add one with `sync-server users add --name NAME --role admin`."
        );
    }
    for user in users {
        let sites = if user.sites.is_empty() {
            String::new()
        } else {
            format!("  sites: {}", user.sites.join(", "))
        };
        let disabled = if user.disabled { "  (disabled)" } else { "" };
        println!(
            "{:<24} {:<11}{sites}{disabled}",
            user.name,
            user.role.as_str()
        );
    }
    Ok(())
}
