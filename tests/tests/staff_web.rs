//! The staff web's rules over real HTTPS: roles see what they may and nothing more, a
//! logged-out request gets nothing, a form without its CSRF token changes nothing, wrong
//! passwords slow further attempts, and a malformed upload is refused with positions and
//! leaves the store as it was.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};
use sync_server::BackgroundServer;
use system_tests::staff_client::{StaffClient, hidden_value};
use system_tests::{ADMIN, ANALYST, CITY_STAFF, LIBRARIAN, TestLogin, any_port, staff_city};

/// The staff web's browser, for this server.
fn staff_browser(server: &BackgroundServer) -> anyhow::Result<StaffClient> {
    StaffClient::new(&server.url(), server.fingerprint())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

#[test]
fn logged_out_requests_get_nothing_and_logins_set_safe_cookies() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    staff_city(&server)?;
    runtime()?.block_on(async {
        let mut browser = staff_browser(&server)?;
        for path in [
            "/staff/dashboard",
            "/staff/exports/figures.csv?month=all",
            "/staff/fleet",
            "/staff/users",
            "/staff/definitions",
        ] {
            let page = browser.get(path).await?;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
            assert!(
                page.location
                    .as_deref()
                    .unwrap_or("")
                    .starts_with("/staff/login?next="),
                "{path}"
            );
            assert!(page.body.is_empty(), "{path} gave a body to a stranger");
        }
        let posted = browser
            .post(
                "/staff/fleet/enrol",
                &[("csrf", "x"), ("site", "Nowhere"), ("valid_hours", "1")],
            )
            .await?;
        assert_eq!(posted.status, StatusCode::SEE_OTHER);

        // The login form's own token must come back.
        browser.get("/staff/login").await?;
        let forged = browser
            .post(
                "/staff/login",
                &[
                    ("name", CITY_STAFF.name),
                    ("password", CITY_STAFF.password),
                    ("csrf", "forged"),
                ],
            )
            .await?;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let login_page = browser
            .client
            .get(format!("{}/staff/login", browser.base))
            .send()
            .await?;
        let set_cookie = login_page
            .headers()
            .get(SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        assert!(set_cookie.starts_with("__Host-login="), "{set_cookie}");
        let logged_in = browser.log_in(&CITY_STAFF).await?;
        assert_eq!(logged_in.status, StatusCode::SEE_OTHER);
        let session = browser
            .cookies
            .get("__Host-staff")
            .cloned()
            .unwrap_or_default();
        assert!(session.len() > 30, "a session cookie");
        // Its attributes, as the server sent them.
        let mut raw = staff_browser(&server)?;
        let page = raw.get("/staff/login").await?;
        let token = hidden_value(&page.body, "csrf").unwrap_or_default();
        let cookie = raw
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let response = raw
            .client
            .post(format!("{}/staff/login", raw.base))
            .header(COOKIE, cookie)
            .form(&[
                ("name", ADMIN.name),
                ("password", ADMIN.password),
                ("csrf", &token),
            ])
            .send()
            .await?;
        let attributes: Vec<String> = response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter(|v| v.starts_with("__Host-staff="))
            .map(str::to_owned)
            .collect();
        let attributes = attributes.first().cloned().unwrap_or_default();
        for needed in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(
                attributes.contains(needed),
                "{needed} missing in {attributes}"
            );
        }
        let csp = response
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(csp.contains("default-src 'none'"), "{csp}");

        // Logging out ends the session on the server, not just in the browser.
        let token = browser.csrf("/staff/definitions").await?;
        browser.post("/staff/logout", &[("csrf", &token)]).await?;
        browser.cookies.insert("__Host-staff".into(), session);
        assert_eq!(
            browser.get("/staff/dashboard").await?.status,
            StatusCode::SEE_OTHER
        );
        anyhow::Ok(())
    })
}

#[test]
fn each_role_sees_what_it_may_and_no_more() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    let report = staff_city(&server)?;
    let fleet = server.store().fleet()?;
    let own: Vec<&str> = fleet
        .iter()
        .filter(|k| k.place.site == report.first_site)
        .map(|k| k.place.kiosk_id.as_str())
        .collect();
    let others: Vec<&str> = fleet
        .iter()
        .filter(|k| k.place.site != report.first_site)
        .map(|k| k.place.kiosk_id.as_str())
        .collect();
    assert!(!own.is_empty() && !others.is_empty());
    runtime()?.block_on(async {
        // Librarian: their site's kiosks, no figures.
        let mut librarian = staff_browser(&server)?;
        librarian.log_in(&LIBRARIAN).await?;
        let page = librarian.get("/staff/fleet").await?;
        assert_eq!(page.status, StatusCode::OK);
        for id in &own {
            assert!(page.body.contains(id), "the librarian sees {id}");
        }
        for id in &others {
            assert!(!page.body.contains(id), "the librarian must not see {id}");
        }
        for path in [
            "/staff/dashboard",
            "/staff/exports",
            "/staff/exports/figures.csv?month=all",
            "/staff/exports/figures-excel.csv?month=all",
            "/staff/places",
            "/staff/users",
        ] {
            assert_eq!(
                librarian.get(path).await?.status,
                StatusCode::FORBIDDEN,
                "librarian {path}"
            );
        }
        // An enrolment code for someone else's site is refused; for their own it is made.
        let token = librarian.csrf("/staff/fleet").await?;
        let other_site = server
            .store()
            .sites()?
            .into_iter()
            .find(|s| s.site != report.first_site)
            .map(|s| s.site)
            .unwrap_or_default();
        let refused = librarian
            .post(
                "/staff/fleet/enrol",
                &[
                    ("csrf", &token),
                    ("site", &other_site),
                    ("valid_hours", "2"),
                ],
            )
            .await?;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let made = librarian
            .post(
                "/staff/fleet/enrol",
                &[
                    ("csrf", &token),
                    ("site", &report.first_site),
                    ("valid_hours", "2"),
                ],
            )
            .await?;
        assert_eq!(made.status, StatusCode::OK);
        assert!(made.body.contains("Enrolment code for"), "a code is shown");
        // With the ticket a kiosk's staff screen takes, as text and as a QR code.
        let ticket_start = made
            .body
            .find("KIOSK-ENROL ")
            .ok_or_else(|| anyhow::anyhow!("no ticket: {}", made.body))?;
        let ticket: wire::EnrolmentTicket = made.body[ticket_start..]
            .split('<')
            .next()
            .unwrap_or_default()
            .parse()?;
        assert_eq!(ticket.server_url, server.url());
        assert!(made.body.contains("<svg class=\"qr\""), "a QR code");

        // City staff: suppressed figures only.
        let mut city = staff_browser(&server)?;
        city.log_in(&CITY_STAFF).await?;
        let csv = city.get("/staff/exports/figures.csv?month=all").await?;
        assert_eq!(csv.status, StatusCode::OK);
        let suppressed: Vec<&str> = csv.body.lines().filter(|l| l.ends_with(",true")).collect();
        assert!(!suppressed.is_empty(), "the test city has small counts");
        for line in &suppressed {
            // metric, then empty value, numerator and denominator, then the unit.
            assert!(
                line.contains(",,,,"),
                "a suppressed row shows figures: {line}"
            );
        }
        // The same rows for Excel, after a byte-order mark; counts as integers.
        let excel = city
            .get("/staff/exports/figures-excel.csv?month=all")
            .await?;
        assert_eq!(excel.status, StatusCode::OK);
        assert_eq!(excel.body.strip_prefix('\u{feff}'), Some(csv.body.as_str()));
        assert!(
            !csv.body.contains(".0,") && !csv.body.contains(",-0,"),
            "whole numbers are written whole"
        );
        assert_eq!(
            city.get("/staff/users").await?.status,
            StatusCode::FORBIDDEN
        );
        let audit_before = server
            .store()
            .audit_entries(1000)?
            .iter()
            .filter(|e| e.action == "view_unsuppressed")
            .count();
        assert_eq!(
            audit_before, 0,
            "city staff views are not unsuppressed views"
        );

        // Analyst: the same rows with their figures, and the view is logged.
        let mut analyst = staff_browser(&server)?;
        analyst.log_in(&ANALYST).await?;
        let full = analyst.get("/staff/exports/figures.csv?month=all").await?;
        let hidden_with_figures = full
            .body
            .lines()
            .filter(|l| l.ends_with(",true") && !l.contains(",,,,"))
            .count();
        assert!(
            hidden_with_figures > 0,
            "analysts see suppressed rows' figures"
        );
        let dashboard = analyst.get("/staff/dashboard").await?;
        assert!(dashboard.body.contains("This view is logged"));
        let logged: Vec<_> = server
            .store()
            .audit_entries(1000)?
            .into_iter()
            .filter(|e| e.action == "view_unsuppressed")
            .collect();
        assert!(
            logged.len() >= 2 && logged.iter().all(|e| e.name == ANALYST.name),
            "{logged:?}"
        );

        // Admin: users page and device actions, each logged.
        let mut admin = staff_browser(&server)?;
        admin.log_in(&ADMIN).await?;
        assert_eq!(admin.get("/staff/users").await?.status, StatusCode::OK);
        let token = admin.csrf("/staff/fleet").await?;
        let moved = admin
            .post(
                "/staff/fleet/device",
                &[
                    ("csrf", &token),
                    ("kiosk", others[0]),
                    ("action", "quarantine"),
                ],
            )
            .await?;
        assert_eq!(moved.status, StatusCode::SEE_OTHER);
        assert!(
            server
                .store()
                .audit_entries(10)?
                .iter()
                .any(|e| e.action == "device_quarantine" && e.detail == others[0])
        );
        anyhow::Ok(())
    })
}

#[test]
fn forms_without_their_csrf_token_change_nothing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    let report = staff_city(&server)?;
    runtime()?.block_on(async {
        let mut admin = staff_browser(&server)?;
        admin.log_in(&ADMIN).await?;
        let codes = || -> anyhow::Result<u64> { Ok(server.store().enrolment_code_count()?) };
        let before = codes()?;
        let users = server.store().staff_users()?.len();
        for form in [
            vec![("site", report.first_site.as_str()), ("valid_hours", "2")],
            vec![
                ("csrf", "not-the-token"),
                ("site", report.first_site.as_str()),
                ("valid_hours", "2"),
            ],
        ] {
            let page = admin.post("/staff/fleet/enrol", &form).await?;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{form:?}");
        }
        let page = admin
            .post("/staff/users", &[("name", "intruder"), ("role", "admin")])
            .await?;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        let page = admin.post("/staff/logout", &[]).await?;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(codes()?, before, "no enrolment code was made");
        assert_eq!(
            server.store().staff_users()?.len(),
            users,
            "no user was added"
        );
        assert_eq!(
            admin.get("/staff/fleet").await?.status,
            StatusCode::OK,
            "still logged in"
        );
        anyhow::Ok(())
    })
}

#[test]
fn five_wrong_passwords_slow_further_attempts() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    staff_city(&server)?;
    runtime()?.block_on(async {
        let mut browser = staff_browser(&server)?;
        let wrong = TestLogin {
            name: CITY_STAFF.name,
            password: "not-the-password",
        };
        for attempt in 1..=5 {
            let page = browser.log_in(&wrong).await?;
            assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
            assert!(page.body.contains("wrong"));
        }
        // Now even the right password must wait.
        let page = browser.log_in(&CITY_STAFF).await?;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(
            page.body.contains("Too many wrong passwords"),
            "{}",
            page.body
        );
        assert!(!browser.has_cookie("__Host-staff"));
        // Other logins are not held up.
        assert_eq!(
            browser.log_in(&ANALYST).await?.status,
            StatusCode::SEE_OTHER
        );
        anyhow::Ok(())
    })
}

#[test]
fn a_malformed_upload_is_refused_with_positions_and_changes_nothing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    staff_city(&server)?;
    let baselines_before = server.store().baselines()?;
    let outlines_before = server.store().boundaries()?;
    runtime()?.block_on(async {
        let mut city = staff_browser(&server)?;
        city.log_in(&CITY_STAFF).await?;
        let token = city.csrf("/staff/places").await?;
        let bad_csv = "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale\n\
                       Old Town,12000,0.2,Mo-Fr 09:00-17:00,en\n\
                       Docks,lots,0.2,Mo-Fr 09:00-17:00,en\n";
        let form = reqwest::multipart::Form::new()
            .text("csrf", token.clone())
            .part("file", reqwest::multipart::Part::bytes(bad_csv.as_bytes().to_vec()).file_name("baselines.csv"));
        let request = city.client.post(format!("{}/staff/places/baselines", city.base)).multipart(form);
        let page = city.send(request).await?;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.body.contains("line 3, column 2 (population_15_plus)"), "{}", page.body);
        let bad_geojson = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"neighbourhood":"Old Town"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]}"#;
        let form = reqwest::multipart::Form::new()
            .text("csrf", token)
            .part("file", reqwest::multipart::Part::bytes(bad_geojson.as_bytes().to_vec()).file_name("city.geojson"));
        let request = city.client.post(format!("{}/staff/places/outlines", city.base)).multipart(form);
        let page = city.send(request).await?;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.body.contains("feature 1 (&quot;Old Town&quot;)") || page.body.contains("feature 1 (\"Old Town\")"), "{}", page.body);
        anyhow::Ok(())
    })?;
    assert_eq!(
        server.store().baselines()?,
        baselines_before,
        "baselines unchanged"
    );
    assert_eq!(
        server.store().boundaries()?,
        outlines_before,
        "outlines unchanged"
    );
    Ok(())
}

#[test]
fn content_is_published_from_the_browser_and_the_fleet_and_metrics_say_how_kiosks_are()
-> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    let report = staff_city(&server)?;
    // The sample bundle as a .tar.gz, the way a city would pack its content folder.
    let mut packed = Vec::new();
    {
        let encoder = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
        let mut archive = tar::Builder::new(encoder);
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample");
        archive.append_dir_all("city-content", sample)?;
        archive.into_inner()?.finish()?;
    }
    runtime()?.block_on(async {
        let mut city = staff_browser(&server)?;
        city.log_in(&CITY_STAFF).await?;
        let token = city.csrf("/staff/content").await?;
        let form = reqwest::multipart::Form::new()
            .text("csrf", token.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(packed.clone()).file_name("city-content.tar.gz"),
            );
        let request = city
            .client
            .post(format!("{}/staff/content/publish", city.base))
            .multipart(form);
        let page = city.send(request).await?;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body.contains("Published content version 1"),
            "{}",
            page.body
        );
        // A damaged archive is refused and publishes nothing.
        let form = reqwest::multipart::Form::new().text("csrf", token).part(
            "file",
            reqwest::multipart::Part::bytes(packed[..packed.len() / 2].to_vec())
                .file_name("broken.tar.gz"),
        );
        let request = city
            .client
            .post(format!("{}/staff/content/publish", city.base))
            .multipart(form);
        let page = city.send(request).await?;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.body.contains("Published content version: 1."),
            "still version 1"
        );
        // Which kiosks run which version (from their heartbeats).
        assert!(page.body.contains("Which kiosks run which version"));

        // The fleet page raises the demo's alerts.
        let mut admin = staff_browser(&server)?;
        admin.log_in(&ADMIN).await?;
        let fleet = admin.get("/staff/fleet").await?;
        assert!(
            fleet.body.contains("printer out of paper"),
            "the printer kiosk is flagged"
        );
        let row = fleet
            .body
            .split(&format!("<tr id=\"{}\"", report.printer_kiosk))
            .nth(1)
            .unwrap_or_default();
        assert!(
            row.split("</tr>")
                .next()
                .unwrap_or_default()
                .contains("printer out of paper")
        );

        // /metrics: operations only, in OpenMetrics text.
        let metrics = admin.get("/metrics").await?;
        assert_eq!(metrics.status, StatusCode::OK);
        assert!(metrics.body.ends_with("# EOF\n"));
        assert!(
            metrics
                .body
                .contains("kiosk_fleet_alerts{alert=\"printer_out_of_paper\"} 1"),
            "{}",
            metrics.body
        );
        assert!(
            metrics.body.contains("staff_logins_total 2"),
            "{}",
            metrics.body
        );
        assert!(
            !metrics.body.contains("Old Town"),
            "no places, no residents"
        );
        anyhow::Ok(())
    })
}

/// The M1 numerator of `place` in an export CSV, if shown.
fn m1_numerator(csv: &str, place: &str) -> Option<f64> {
    csv.lines()
        .map(|line| line.split(',').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&place) && fields.get(2) == Some(&"M1"))
        .and_then(|fields| fields.get(4)?.parse().ok())
}

/// Privacy noise from the browser: only admins turn it on and release a month; until then city
/// staff see no figures for the month and are told why; then they see figures made of the
/// stored noisy counts, with a note; analysts still see exact figures; changes are audited.
#[test]
fn privacy_noise_is_turned_on_and_a_month_released_by_admins_only() -> anyhow::Result<()> {
    use sync_server::metrics::{FiguresCache, privacy};
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), any_port())?;
    staff_city(&server)?;
    let now = kiosk_core::clock::now();
    let current = sync_server::metrics::Calendar::utc().month_of(now);
    let previous = server
        .store()
        .rollup_months()?
        .into_iter()
        .rfind(|m| *m < current)
        .ok_or_else(|| anyhow::anyhow!("the demo has a month that is over"))?;
    runtime()?.block_on(async {
        let mut librarian = staff_browser(&server)?;
        librarian.log_in(&LIBRARIAN).await?;
        assert_eq!(
            librarian.get("/staff/privacy").await?.status,
            StatusCode::FORBIDDEN
        );
        // City staff read the page but cannot change anything.
        let mut city = staff_browser(&server)?;
        city.log_in(&CITY_STAFF).await?;
        let page = city.get("/staff/privacy").await?;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Noise is off"));
        assert!(!page.body.contains("/staff/privacy/settings"));
        let token = city.csrf("/staff/privacy").await?;
        let refused = city
            .post(
                "/staff/privacy/settings",
                &[("csrf", &token), ("action", "on"), ("epsilon", "1")],
            )
            .await?;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(privacy::noise_settings(server.store())?.is_none());

        // The admin turns it on (a bad ε is refused first).
        let mut admin = staff_browser(&server)?;
        admin.log_in(&ADMIN).await?;
        let token = admin.csrf("/staff/privacy").await?;
        let bad = admin
            .post(
                "/staff/privacy/settings",
                &[("csrf", &token), ("action", "on"), ("epsilon", "-2")],
            )
            .await?;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(privacy::noise_settings(server.store())?.is_none());
        let saved = admin
            .post(
                "/staff/privacy/settings",
                &[
                    ("csrf", &token),
                    ("action", "on"),
                    ("epsilon", "2,0"),
                    ("budget", ""),
                ],
            )
            .await?;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let noise = privacy::noise_settings(server.store())?.expect("on");
        assert_eq!(noise.epsilon, 2.0);

        // Not released: city staff get no figures for the month, and are told why.
        let dashboard = city
            .get(&format!("/staff/dashboard?month={previous}"))
            .await?;
        assert!(
            dashboard.body.contains("Not released yet"),
            "{}",
            dashboard.body
        );
        let csv = city
            .get(&format!("/staff/exports/figures.csv?month={previous}"))
            .await?;
        assert_eq!(csv.body.lines().count(), 1, "only the header: {}", csv.body);

        // A running month cannot be released; the previous one can.
        let token = admin.csrf("/staff/privacy").await?;
        let early = admin
            .post(
                "/staff/privacy/release",
                &[("csrf", &token), ("month", &current)],
            )
            .await?;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        let released = admin
            .post(
                "/staff/privacy/release",
                &[("csrf", &token), ("month", &previous)],
            )
            .await?;
        assert_eq!(released.status, StatusCode::OK, "{}", released.body);
        assert!(released.body.contains("is released with noise"));
        let release = privacy::stored_release(server.store(), &previous)?.expect("stored");
        assert_eq!(release.cost, 2.0 * privacy::TABLES.len() as f64);

        // City staff now see the noisy figures, and are told they carry noise.
        let dashboard = city
            .get(&format!("/staff/dashboard?month={previous}"))
            .await?;
        assert!(dashboard.body.contains("carry random noise"));
        let csv = city
            .get(&format!("/staff/exports/figures.csv?month={previous}"))
            .await?
            .body;
        let exact = FiguresCache::default().month(server.store(), &previous, now)?;
        let places: Vec<String> = server
            .store()
            .baselines()?
            .into_iter()
            .map(|b| b.neighbourhood)
            .collect();
        let mut compared = 0;
        for place in &places {
            if let Some(shown) = m1_numerator(&csv, place) {
                let noisy = release.counts_of(place).get("sessions", "");
                assert_eq!(shown, noisy, "{place}: the stored noisy count");
                compared += 1;
            }
        }
        assert!(compared > 0, "some M1 is shown: {csv}");
        // Analysts: exact figures.
        let mut analyst = staff_browser(&server)?;
        analyst.log_in(&ANALYST).await?;
        let csv = analyst
            .get(&format!("/staff/exports/figures.csv?month={previous}"))
            .await?
            .body;
        for place in &places {
            let exact_sessions = exact.find(place, "M1").and_then(|row| row.numerator);
            assert_eq!(m1_numerator(&csv, place), exact_sessions, "{place}");
        }
        let actions: Vec<String> = server
            .store()
            .audit_entries(50)?
            .into_iter()
            .map(|entry| entry.action)
            .collect();
        assert!(actions.contains(&"privacy_on".to_owned()));
        assert!(actions.contains(&"privacy_release".to_owned()));
        anyhow::Ok(())
    })
}

#[test]
fn case_workers_answer_their_forms_requests_and_no_other_role_sees_a_residents_details()
-> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    staff_city(&server)?;
    let system_tests::TwoRequests { callback, light } =
        system_tests::file_two_requests(&server, kiosk_dir.path())?;
    system_tests::add_case_worker(&server, &["callback"])?;
    runtime()?.block_on(async {
        // The case worker: their form's request, opened (and audited), answered.
        let mut worker = staff_browser(&server)?;
        let home = worker.log_in(&system_tests::CASE_WORKER).await?;
        assert_eq!(home.status, StatusCode::SEE_OTHER);
        assert_eq!(
            worker.get("/staff/").await?.location.as_deref(),
            Some("/staff/requests"),
            "a case worker starts at their requests"
        );
        let inbox = worker.get("/staff/requests").await?;
        assert_eq!(inbox.status, StatusCode::OK);
        assert!(inbox.body.contains(callback), "{}", inbox.body);
        assert!(
            !inbox.body.contains(light),
            "another form's request is not theirs"
        );
        let page = worker.get(&format!("/staff/requests/{callback}")).await?;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Amira Haddad") && page.body.contains("0612 345 678"));
        assert!(page.body.contains("lamp out since Monday"));
        let opened = server.store().audit_entries(50)?;
        assert!(
            opened.iter().any(|e| e.name == "cw"
                && e.action == "open_personal_fields"
                && e.detail == callback),
            "the opening is audited: {opened:?}"
        );
        assert_eq!(
            worker
                .get(&format!("/staff/requests/{light}"))
                .await?
                .status,
            StatusCode::NOT_FOUND
        );
        for path in [
            "/staff/fleet",
            "/staff/dashboard",
            "/staff/exports",
            "/staff/users",
        ] {
            assert_eq!(
                worker.get(path).await?.status,
                StatusCode::FORBIDDEN,
                "case worker {path}"
            );
        }
        let token = hidden_value(&page.body, "csrf").unwrap_or_default();
        let status_path = format!("/staff/requests/{callback}/status");
        let forged = worker
            .post(&status_path, &[("csrf", "forged"), ("status", "resolved")])
            .await?;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let odd = worker
            .post(
                &status_path,
                &[
                    ("csrf", &token),
                    ("status", "resolved"),
                    ("phrase", "<script>"),
                ],
            )
            .await?;
        assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
        let moved = worker
            .post(
                &status_path,
                &[
                    ("csrf", &token),
                    ("status", "in_progress"),
                    ("phrase", "we-will-call"),
                ],
            )
            .await?;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "back to the request");
        let resolved = worker
            .post(
                &status_path,
                &[
                    ("csrf", &token),
                    ("status", "resolved"),
                    ("phrase", "fixed"),
                    ("message", "A new lamp was fitted on Elm Street."),
                ],
            )
            .await?;
        assert_eq!(resolved.status, StatusCode::SEE_OTHER);
        let page = worker.get(&format!("/staff/requests/{callback}")).await?;
        assert!(page.body.contains("A new lamp was fitted on Elm Street."));
        let scope = sync_server::store::RequestScope::All;
        let stored = server
            .store()
            .request(&scope, callback)?
            .ok_or_else(|| anyhow::anyhow!("the request is gone"))?;
        assert_eq!(
            stored.summary.status,
            sync_server::store::RequestStatus::Resolved
        );
        assert_eq!(stored.summary.phrase.as_deref(), Some("fixed"));
        assert_eq!(stored.updates.len(), 2);
        // The case worker's CSV: their requests with the residents' details, readable by a
        // spreadsheet (byte-order mark), each opening audited again.
        let openings = |entries: &[sync_server::store::AuditEntry]| {
            entries
                .iter()
                .filter(|e| e.action == "open_personal_fields" && e.detail == callback)
                .count()
        };
        let before_export = openings(&server.store().audit_entries(200)?);
        let csv = worker.get("/staff/requests.csv?form=callback").await?;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.body.starts_with("\u{feff}reference,form,topic,site"),
            "{}",
            csv.body
        );
        assert!(csv.body.contains(callback) && csv.body.contains("name: Amira Haddad"));
        assert!(!csv.body.contains(light));
        assert_eq!(
            openings(&server.store().audit_entries(200)?),
            before_export + 1
        );
        assert_eq!(
            sync_server::metrics::export::defuse("=HYPERLINK(1)"),
            "'=HYPERLINK(1)"
        );
        // The personal fields go once the request has been closed long enough (here: at
        // once), and the figures of this month stay exactly what they were.
        let month = sync_server::metrics::Calendar::utc().month_of(kiosk_core::clock::now());
        let figures = |store: &sync_server::Store| -> anyhow::Result<String> {
            let (figures, _) = sync_server::metrics::FiguresCache::default().shown(
                store,
                &month,
                kiosk_core::clock::now(),
                false,
            )?;
            Ok(sync_server::metrics::export::csv(&figures.rows_for(true)))
        };
        let before = figures(server.store())?;
        let keep_none = sync_server::store::requests::PersonalDataDays {
            default: 0,
            per_form: Default::default(),
        };
        assert_eq!(
            server
                .store()
                .erase_personal_fields(&keep_none, kiosk_core::clock::now() + 1)?,
            1,
            "the resolved request only (the other is still open)"
        );
        assert_eq!(figures(server.store())?, before);
        let page = worker.get(&format!("/staff/requests/{callback}")).await?;
        assert!(!page.body.contains("Amira") && page.body.contains("were erased on"));
        // In Arabic, the statuses and phrases are the case worker's own language's.
        worker.get("/staff/lang?to=ar&back=/staff/requests").await?;
        let arabic = worker.get(&format!("/staff/requests/{callback}")).await?;
        assert!(arabic.body.contains("dir=\"rtl\"") && arabic.body.contains("تم الإصلاح"));

        // The admin: that requests exist and where they stand, nothing a resident wrote.
        let mut admin = staff_browser(&server)?;
        admin.log_in(&ADMIN).await?;
        let inbox = admin.get("/staff/requests").await?;
        assert!(inbox.body.contains(callback) && inbox.body.contains(light));
        let page = admin.get(&format!("/staff/requests/{callback}")).await?;
        assert_eq!(page.status, StatusCode::OK);
        for secret in ["Amira", "0612", "lamp out", "Elm Street"] {
            assert!(
                !page.body.contains(secret),
                "the admin must not see {secret}"
            );
        }
        assert_eq!(
            admin.get("/staff/requests.csv").await?.status,
            StatusCode::FORBIDDEN,
            "an admin exports no resident's details"
        );
        let token = admin.csrf("/staff/requests").await?;
        let refused = admin
            .post(&status_path, &[("csrf", &token), ("status", "received")])
            .await?;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        // The admin makes a case worker for street lights on the Users page.
        let token = admin.csrf("/staff/users").await?;
        let added = admin
            .post(
                "/staff/users",
                &[
                    ("csrf", &token),
                    ("name", "lights"),
                    ("role", "case_worker"),
                    ("site", ""),
                    ("forms", "street-light"),
                ],
            )
            .await?;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let lights = server
            .store()
            .staff_user("lights")?
            .ok_or_else(|| anyhow::anyhow!("not added"))?;
        assert_eq!(lights.forms, ["street-light"]);
        let without = admin
            .post(
                "/staff/users",
                &[
                    ("csrf", &token),
                    ("name", "noforms"),
                    ("role", "case_worker"),
                    ("site", ""),
                ],
            )
            .await?;
        assert!(
            without.body.contains("at least one form"),
            "{}",
            without.body
        );

        // Every other role: no Requests page at all, and no personal field anywhere.
        for login in [&LIBRARIAN, &CITY_STAFF, &ANALYST] {
            let mut someone = staff_browser(&server)?;
            someone.log_in(login).await?;
            for path in [
                "/staff/requests".to_owned(),
                format!("/staff/requests/{callback}"),
                "/staff/requests.csv".to_owned(),
            ] {
                assert_eq!(
                    someone.get(&path).await?.status,
                    StatusCode::FORBIDDEN,
                    "{} {path}",
                    login.name
                );
            }
            for path in [
                "/staff/dashboard",
                "/staff/exports/figures.csv?month=all",
                "/staff/fleet",
            ] {
                let page = someone.get(path).await?;
                assert!(!page.body.contains("Amira"), "{} {path}", login.name);
            }
        }
        anyhow::Ok(())
    })?;
    Ok(())
}
