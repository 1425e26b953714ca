//! `sync-server users add|list|disable|enable|reset-password|end-sessions|delete`.

use std::io::{BufRead as _, IsTerminal as _};

use crate::store::Role;
use crate::{DataDir, accounts, clock};
use anyhow::Context as _;

/// Adds a user; the password comes from standard input, or is generated and printed once.
pub fn add(
    data_dir: &DataDir,
    name: &str,
    role: &str,
    sites: &[String],
    forms: &[String],
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
    accounts::add_scoped_user(&store, name, role, &password, sites, forms, clock::now())?;
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
    if !forms.is_empty() {
        println!("Forms: {}", forms.join(", "));
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
        let forms = if user.forms.is_empty() {
            String::new()
        } else {
            format!("  forms: {}", user.forms.join(", "))
        };
        let disabled = if user.disabled { "  (disabled)" } else { "" };
        println!(
            "{:<24} {:<11}{sites}{forms}{disabled}",
            user.name,
            user.role.as_str()
        );
    }
    Ok(())
}

/// Disables, enables, resets the password of, signs out or deletes a login (audited as the
/// command line).
pub fn change(
    data_dir: &DataDir,
    name: &str,
    change: accounts::AccountChange,
) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let password = accounts::change_account(&store, None, name, change)?;
    store.audit(
        "cli",
        Role::Admin,
        &format!("user_{}", change.as_str()),
        name,
        clock::now(),
    )?;
    match (change, password) {
        (_, Some(password)) => {
            println!("New password for {name} (shown only now): {password}");
            println!("Their sessions have ended.");
        }
        (accounts::AccountChange::Disable, None) => {
            println!("{name} is disabled and signed out everywhere.")
        }
        (accounts::AccountChange::Enable, None) => println!("{name} can log in again."),
        (accounts::AccountChange::EndSessions, None) => {
            println!("{name} is signed out everywhere.")
        }
        (accounts::AccountChange::Delete, None) => println!("{name} is deleted."),
        (accounts::AccountChange::ResetPassword, None) => {}
    }
    Ok(())
}
