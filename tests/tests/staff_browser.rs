//! The staff web in a real browser: headless Chromium driven over WebDriver (chromedriver)
//! against a real HTTPS server with a demo city. City staff log in, open the dashboard,
//! follow a definition link and download a CSV; then axe-core checks every staff page in
//! English and Arabic for serious or critical accessibility violations.
//!
//! Needs `chromium`, `chromium-driver` and axe-core (`scripts/setup --browser` installs them;
//! `AXE_CORE_JS` may point at another copy of `axe.min.js`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use sync_server::BackgroundServer;
use system_tests::{ADMIN, CITY_STAFF, TestLogin, any_port, staff_city};

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn axe_source() -> anyhow::Result<String> {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).map_err(|e| {
        anyhow::anyhow!(
            "cannot read axe-core at {} ({e}): run scripts/setup --browser",
            path.display()
        )
    })
}

/// Starts chromedriver on a free port and waits until it answers.
fn start_driver() -> anyhow::Result<(Driver, u16)> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            anyhow::anyhow!("cannot start chromedriver ({e}): run scripts/setup --browser")
        })?;
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        anyhow::ensure!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((driver, port))
}

async fn browser(port: u16, downloads: &Path) -> anyhow::Result<Client> {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("acceptInsecureCerts".into(), json!(true));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=en-GB"],
            "prefs": {
                "download.default_directory": downloads.to_string_lossy(),
                "download.prompt_for_download": false,
            },
        }),
    );
    Ok(
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await?,
    )
}

async fn log_in(client: &Client, base: &str, login: &TestLogin) -> anyhow::Result<()> {
    client.goto(&format!("{base}/staff/")).await?;
    client
        .wait()
        .for_element(Locator::Css("input#name"))
        .await?
        .send_keys(login.name)
        .await?;
    client
        .find(Locator::Css("input#password"))
        .await?
        .send_keys(login.password)
        .await?;
    client
        .find(Locator::Css("form.login button[type=submit]"))
        .await?
        .click()
        .await?;
    client
        .wait()
        .for_element(Locator::Css("form.logout"))
        .await?;
    Ok(())
}

/// Runs axe-core on the current page; returns its serious and critical violations.
async fn axe(client: &Client, source: &str) -> anyhow::Result<Vec<Value>> {
    client.execute(source, vec![]).await?;
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
                .catch(e => done([{ id: 'axe-error', help: String(e) }]));",
            vec![],
        )
        .await?;
    Ok(result.as_array().cloned().unwrap_or_default())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

#[test]
fn city_staff_use_the_dashboard_in_a_real_browser_and_every_page_passes_axe() -> anyhow::Result<()>
{
    let server_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    staff_city(&server)?;
    // One resident's request, synced from a real kiosk, for a case worker to answer.
    let kiosk_dir = tempfile::tempdir()?;
    let kiosk = system_tests::KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol(&server)?;
    let reference = "CB7K-M3XZ-R9";
    kiosk.visits.keep(system_tests::resident_request(
        &kiosk,
        reference,
        "callback",
        &[("name", "Amira Haddad"), ("phone", "0612 345 678")],
    )?);
    kiosk.flush()?;
    kiosk.sync()?;
    let case_worker = system_tests::CASE_WORKER;
    system_tests::add_case_worker(&server, &["callback"])?;
    let base = server.url();
    let downloads = tempfile::tempdir()?;
    let (_driver, port) = start_driver()?;
    let axe_js = axe_source()?;
    let shots = std::env::var_os("STAFF_SCREENSHOTS").map(PathBuf::from);
    runtime()?.block_on(async {
        let client = browser(port, downloads.path()).await?;
        let outcome = async {
            // City staff: dashboard, a definition, a CSV.
            log_in(&client, &base, &CITY_STAFF).await?;
            let heading = client
                .wait()
                .for_element(Locator::Css("main h1"))
                .await?
                .text()
                .await?;
            assert_eq!(heading, "Access-gap dashboard");
            let table = client.find(Locator::Css("table")).await?.text().await?;
            assert!(
                table.contains("Old Town"),
                "the gap table lists neighbourhoods: {table}"
            );
            if let Some(dir) = &shots {
                std::fs::create_dir_all(dir)?;
                std::fs::write(dir.join("dashboard-en.png"), client.screenshot().await?)?;
            }
            client
                .find(Locator::Css("thead a[href='/staff/definitions/gap_index']"))
                .await?
                .click()
                .await?;
            let definition = client
                .wait()
                .for_element(Locator::Css("main h1"))
                .await?
                .text()
                .await?;
            assert!(
                definition.contains("gap_index") && definition.contains("Access-gap index"),
                "{definition}"
            );
            let page = client.source().await?;
            assert!(
                page.contains("100 − inclusion score"),
                "the formula is on the definition page"
            );
            client.goto(&format!("{base}/staff/exports")).await?;
            client
                .wait()
                .for_element(Locator::Css(
                    "a[href^='/staff/exports/figures.csv?month=20']",
                ))
                .await?
                .click()
                .await?;
            let csv = wait_for_download(downloads.path()).await?;
            let header = csv.lines().next().unwrap_or_default();
            assert_eq!(
                header,
                "neighbourhood,month,metric,value,numerator,denominator,unit,suppressed"
            );
            assert!(csv.lines().count() > 50, "a month's figures");
            assert!(
                csv.lines()
                    .skip(1)
                    .all(|line| !line.ends_with(",true") || line.contains(",,,,")),
                "suppressed rows carry no figures for city staff"
            );

            // Every page, in English and Arabic, as an administrator (who sees the most pages).
            client
                .find(Locator::Css("form.logout button"))
                .await?
                .click()
                .await?;
            client
                .wait()
                .for_element(Locator::Css("input#name"))
                .await?;
            let mut failures = Vec::new();
            for language in ["en", "ar"] {
                client
                    .goto(&format!(
                        "{base}/staff/lang?to={language}&back=/staff/login"
                    ))
                    .await?;
                client
                    .wait()
                    .for_element(Locator::Css("input#name"))
                    .await?;
                for violation in axe(&client, &axe_js).await? {
                    failures.push(format!("{language} /staff/login: {violation}"));
                }
            }
            client
                .goto(&format!("{base}/staff/lang?to=en&back=/staff/login"))
                .await?;
            log_in(&client, &base, &ADMIN).await?;
            let pages = [
                "/staff/dashboard",
                "/staff/definitions",
                "/staff/definitions/M7",
                "/staff/exports",
                "/staff/fleet",
                "/staff/places",
                "/staff/content",
                "/staff/users",
                "/staff/open311",
                "/staff/privacy",
                "/staff/requests",
            ];
            for language in ["en", "ar"] {
                client
                    .goto(&format!(
                        "{base}/staff/lang?to={language}&back=/staff/dashboard"
                    ))
                    .await?;
                let direction = client.find(Locator::Css("html")).await?.attr("dir").await?;
                assert_eq!(
                    direction.as_deref(),
                    Some(if language == "ar" { "rtl" } else { "ltr" })
                );
                for path in pages {
                    client.goto(&format!("{base}{path}")).await?;
                    client.wait().for_element(Locator::Css("main h1")).await?;
                    if let (Some(dir), "/staff/dashboard") = (&shots, path) {
                        std::fs::write(
                            dir.join(format!("dashboard-{language}-admin.png")),
                            client.screenshot().await?,
                        )?;
                    }
                    for violation in axe(&client, &axe_js).await? {
                        failures.push(format!("{language} {path}: {violation}"));
                    }
                }
            }
            // The admin turns privacy noise on and releases last month, with the page's forms;
            // then the privacy page (ledger, release form) and the dashboard's note are checked.
            client
                .goto(&format!("{base}/staff/lang?to=en&back=/staff/privacy"))
                .await?;
            client
                .wait()
                .for_element(Locator::Css(
                    "form[action='/staff/privacy/settings'] button",
                ))
                .await?
                .click()
                .await?;
            let previous = {
                let utc = sync_server::metrics::Calendar::utc();
                let (start, _) = utc.month_bounds(&utc.month_of(kiosk_core::clock::now()))?;
                utc.month_of(start - 1)
            };
            client
                .wait()
                .for_element(Locator::Css("select#release-month"))
                .await?
                .select_by_value(&previous)
                .await?;
            client
                .find(Locator::Css("form[action='/staff/privacy/release'] button"))
                .await?
                .click()
                .await?;
            // The ledger's table exists only once a month is released (so this waits for the
            // answer to the release, not the status of the page before it).
            client
                .wait()
                .for_element(Locator::Css(
                    "section[aria-labelledby='ledger-heading'] table",
                ))
                .await?;
            let status = client
                .find(Locator::Css("main [role=status]"))
                .await?
                .text()
                .await?;
            assert!(status.contains("is released with noise"), "{status}");
            for language in ["en", "ar"] {
                client
                    .goto(&format!(
                        "{base}/staff/lang?to={language}&back=/staff/privacy"
                    ))
                    .await?;
                client.wait().for_element(Locator::Css("main h1")).await?;
                for violation in axe(&client, &axe_js).await? {
                    failures.push(format!("{language} /staff/privacy (noise on): {violation}"));
                }
                let path = format!("/staff/dashboard?month={previous}");
                client.goto(&format!("{base}{path}")).await?;
                client.wait().for_element(Locator::Css("main h1")).await?;
                for violation in axe(&client, &axe_js).await? {
                    failures.push(format!("{language} {path} (noise on): {violation}"));
                }
            }
            // A case worker: the Requests page and one request, in English and Arabic, and
            // the request answered with the page's own form.
            client
                .find(Locator::Css("form.logout button"))
                .await?
                .click()
                .await?;
            client
                .goto(&format!("{base}/staff/lang?to=en&back=/staff/login"))
                .await?;
            log_in(&client, &base, &case_worker).await?;
            let request = format!("/staff/requests/{reference}");
            for language in ["en", "ar"] {
                client
                    .goto(&format!(
                        "{base}/staff/lang?to={language}&back=/staff/requests"
                    ))
                    .await?;
                for path in ["/staff/requests", request.as_str()] {
                    client.goto(&format!("{base}{path}")).await?;
                    client.wait().for_element(Locator::Css("main h1")).await?;
                    for violation in axe(&client, &axe_js).await? {
                        failures.push(format!("{language} {path} (case worker): {violation}"));
                    }
                }
            }
            client
                .goto(&format!("{base}/staff/lang?to=en&back={request}"))
                .await?;
            client
                .wait()
                .for_element(Locator::Css("select#status option[value='resolved']"))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Css("select#phrase option[value='fixed']"))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Css("form[action$='/status'] button[type=submit]"))
                .await?
                .click()
                .await?;
            client.wait().for_element(Locator::Css("main h2")).await?;
            let history = client.find(Locator::Css("main")).await?.text().await?;
            assert!(
                history.contains("Resolved") && history.contains("It has been fixed."),
                "{history}"
            );
            assert!(
                failures.is_empty(),
                "serious or critical accessibility violations:\n{}",
                failures.join("\n")
            );
            anyhow::Ok(())
        }
        .await;
        let _ = client.close().await;
        outcome
    })
}

async fn wait_for_download(dir: &Path) -> anyhow::Result<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let done: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        if let Some(file) = done.first() {
            return Ok(std::fs::read_to_string(file)?);
        }
        anyhow::ensure!(Instant::now() < deadline, "no CSV was downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
