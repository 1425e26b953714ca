//! The abuse suite (`system_tests::abuse`) against the server binary built with these tests:
//! every attack refused or bounded, and `/healthz` answering within a second throughout.

use std::time::Duration;

#[test]
fn every_attack_is_refused_or_bounded_and_the_server_stays_responsive() -> anyhow::Result<()> {
    let report = system_tests::abuse::run(std::path::Path::new(env!(
        "CARGO_BIN_EXE_server-under-test"
    )))?;
    println!("{}", report.table());
    for finding in &report.findings {
        assert!(finding.held, "{}: {}", finding.attack, finding.after);
    }
    assert!(
        report.health.failures.is_empty(),
        "/healthz failed: {:?}",
        report.health.failures
    );
    assert!(report.health.answers > 10, "the watcher was not watching");
    assert!(
        report.health.slowest < Duration::from_secs(1),
        "/healthz took {:?}",
        report.health.slowest
    );
    Ok(())
}
