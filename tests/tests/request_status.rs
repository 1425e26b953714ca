//! A resident follows their request from any kiosk: another enrolled kiosk asks the server
//! where it stands by the reference on the ticket and gets the status and the case worker's
//! message, nothing personal; a mistyped reference is refused by its check character before
//! any lookup; each kiosk may ask a bounded number of times a minute.

use sync_server::BackgroundServer;
use sync_server::store::{RequestScope, RequestStatus, StatusChange};
use system_tests::{KioskCore, any_port, resident_request, runtime};

#[test]
fn another_kiosk_shows_where_a_request_stands_by_its_reference() -> anyhow::Result<()> {
    let (server_dir, first_dir, second_dir) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let first = KioskCore::open(first_dir.path())?;
    first.enrol(&server)?;
    let reference = kiosk_core::codes::Reference::new();
    let printed = reference.to_string();
    first.visits.keep(resident_request(
        &first,
        &printed,
        "callback",
        &[("name", "Amira Haddad"), ("phone", "0612 345 678")],
    )?);
    first.flush()?;
    assert_eq!(first.sync()?.remaining, 0);
    let second = KioskCore::open(second_dir.path())?;
    second.enrol(&server)?;
    let store = second.data_dir.open_store()?;
    let runtime = runtime()?;

    let answer = runtime
        .block_on(kiosk_core::sync::request_status(&store, &reference))?
        .ok_or_else(|| anyhow::anyhow!("the request is not found"))?;
    assert_eq!((answer.status.as_str(), answer.phrase), ("received", None));

    let change = StatusChange {
        status: RequestStatus::Resolved,
        phrase: Some("fixed".into()),
        message: Some("A new lamp was fitted.".into()),
    };
    assert!(server.store().change_request_status(
        &RequestScope::All,
        &printed,
        &change,
        "cw",
        kiosk_core::clock::now()
    )?);
    // Typed in lower case with spaces, as a resident might: the same request.
    let typed: kiosk_core::codes::Reference = printed.to_lowercase().replace('-', " ").parse()?;
    let answer = runtime
        .block_on(kiosk_core::sync::request_status(&store, &typed))?
        .ok_or_else(|| anyhow::anyhow!("the request is not found"))?;
    assert_eq!(answer.reference, printed);
    assert_eq!(answer.status, "resolved");
    assert_eq!(answer.phrase.as_deref(), Some("fixed"));
    assert_eq!(answer.message.as_deref(), Some("A new lamp was fitted."));
    assert!(answer.changed_at.is_some());
    let json = serde_json::to_string(&answer)?;
    assert!(!json.contains("Amira") && !json.contains("0612"), "{json}");

    // One character wrong: refused before any lookup.
    let mut wrong: Vec<char> = printed.chars().collect();
    wrong[0] = if wrong[0] == 'A' { 'C' } else { 'A' };
    let wrong: String = wrong.into_iter().collect();
    assert!(wrong.parse::<kiosk_core::codes::Reference>().is_err());
    // A well-formed reference nobody was given: not found.
    let unknown = kiosk_core::codes::Reference::new();
    assert_eq!(
        runtime.block_on(kiosk_core::sync::request_status(&store, &unknown))?,
        None
    );
    // Past the limit, this kiosk is told to wait (retryable), whatever it asks. (Twice the
    // limit plus one: a new minute may begin during the loop.)
    let mut refused = None;
    for _ in 0..2 * wire::MAX_LOOKUPS_PER_MINUTE + 1 {
        if let Err(error) = runtime.block_on(kiosk_core::sync::request_status(&store, &reference)) {
            refused = Some(error);
            break;
        }
    }
    assert!(
        matches!(
            refused,
            Some(kiosk_core::sync::SyncError::ServerTrouble { status: 429, .. })
        ),
        "{refused:?}"
    );
    // The first kiosk has its own allowance.
    let first_store = first.data_dir.open_store()?;
    assert!(
        runtime
            .block_on(kiosk_core::sync::request_status(&first_store, &reference))?
            .is_some()
    );
    Ok(())
}
