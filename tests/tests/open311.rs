//! Open311 GeoReport v2 over real HTTPS: a city's case system reads the requests residents
//! made at kiosks with an API key an admin made, in GeoReport's documented shape; a key
//! reads only its forms, and residents' personal fields only if allowed (audited); creating
//! requests is refused.

use reqwest::StatusCode;
use serde_json::Value;
use sync_server::BackgroundServer;
use system_tests::staff_client::StaffClient;
use system_tests::{any_port, runtime, staff_city};

/// Every field GeoReport v2 documents for a service request (GET requests.json).
const REQUEST_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

fn json(body: &str) -> anyhow::Result<Vec<Value>> {
    Ok(serde_json::from_str(body)?)
}

fn is_error_array(body: &str, code: u16) -> bool {
    json(body).is_ok_and(|errors| {
        errors.len() == 1
            && errors[0]["code"] == code
            && errors[0]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
    })
}

#[test]
fn a_case_system_reads_requests_in_georeport_shape_within_its_keys_scope() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    staff_city(&server)?;
    let system_tests::TwoRequests { callback, light } =
        system_tests::file_two_requests(&server, kiosk_dir.path())?;
    let store = server.store();
    let now = kiosk_core::clock::now();
    let crm = sync_server::open311::make_key(
        store,
        "crm",
        &["callback".into()],
        &[],
        false,
        "test",
        now,
    )?;
    let desk = sync_server::open311::make_key(
        store,
        "desk",
        &["callback".into(), "street-light".into()],
        &[],
        true,
        "test",
        now,
    )?;
    assert!(matches!(
        sync_server::open311::make_key(store, "crm", &["callback".into()], &[], false, "test", now),
        Err(sync_server::open311::Open311Error::Taken(_))
    ));
    runtime()?.block_on(async {
        let mut city = StaffClient::new(&server.url(), server.fingerprint())?;
        // No key, or a wrong one: refused in GeoReport's error shape.
        let page = city.get("/open311/v2/services.json").await?;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(is_error_array(&page.body, 401), "{}", page.body);
        let page = city.get("/open311/v2/requests.json?api_key=o311_guess").await?;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);

        // Services: the key's forms.
        let page = city.get(&format!("/open311/v2/services.json?api_key={crm}")).await?;
        assert_eq!(page.status, StatusCode::OK);
        let services = json(&page.body)?;
        assert_eq!(services.len(), 1);
        let service = &services[0];
        assert_eq!(service["service_code"], "callback");
        assert!(service["service_name"].is_string() && service["description"].is_string());
        assert!(service["metadata"].is_boolean() && service["keywords"].is_string());
        assert!(["realtime", "batch", "blackbox"].contains(&service["type"].as_str().unwrap_or("")));

        // Requests: only the key's form; every documented field; no personal field.
        let page = city.get(&format!("/open311/v2/requests.json?api_key={crm}")).await?;
        assert_eq!(page.status, StatusCode::OK);
        let requests = json(&page.body)?;
        assert_eq!(requests.len(), 1, "{}", page.body);
        let request = &requests[0];
        for field in REQUEST_FIELDS {
            assert!(request.get(field).is_some(), "{field} is missing: {request}");
        }
        assert_eq!(request["service_request_id"], callback);
        assert_eq!(request["status"], "open");
        assert_eq!(request["service_code"], "callback");
        assert!(request["description"].as_str().is_some_and(|d| d.contains("lamp out since Monday")));
        let requested = request["requested_datetime"].as_str().unwrap_or("");
        assert!(
            time::OffsetDateTime::parse(requested, &time::format_description::well_known::Rfc3339).is_ok(),
            "{requested}"
        );
        assert!(request.get("x_personal").is_none() && !page.body.contains("Amira"));
        let page = city.get(&format!("/open311/v2/requests/{light}.json?api_key={crm}")).await?;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(is_error_array(&page.body, 404));
        // The key in a header works the same.
        let request = city
            .client
            .get(format!("{}/open311/v2/requests/{callback}.json", city.base))
            .header("X-Api-Key", &crm);
        let page = city.send(request).await?;
        assert_eq!(json(&page.body)?.len(), 1);

        // A key allowed personal fields: both forms, names opened, each reading audited.
        let page = city.get(&format!("/open311/v2/requests.json?api_key={desk}")).await?;
        let requests = json(&page.body)?;
        assert_eq!(requests.len(), 2);
        let opened = requests
            .iter()
            .find(|r| r["service_request_id"] == callback)
            .map(|r| r["x_personal"]["name"].clone());
        assert_eq!(opened, Some(Value::from("Amira Haddad")));
        let audit = store.audit_entries(50)?;
        assert!(audit
            .iter()
            .any(|e| e.name == "open311:desk" && e.action == "open_personal_fields" && e.detail == callback));

        // Filters: status, dates, ids; mistakes are 400.
        let change = sync_server::store::StatusChange {
            status: sync_server::store::RequestStatus::Resolved,
            phrase: Some("fixed".into()),
            message: Some("New lamp fitted.".into()),
        };
        assert!(store.change_request_status(
            &sync_server::store::RequestScope::All,
            callback,
            &change,
            "cw",
            kiosk_core::clock::now()
        )?);
        let closed = json(&city.get(&format!("/open311/v2/requests.json?api_key={desk}&status=closed")).await?.body)?;
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0]["status"], "closed");
        assert!(closed[0]["status_notes"].as_str().is_some_and(|n| n.contains("It has been fixed.") && n.contains("New lamp fitted.")));
        assert!(closed[0]["updated_datetime"].is_string());
        let open = json(&city.get(&format!("/open311/v2/requests.json?api_key={desk}&status=open&service_code=street-light")).await?.body)?;
        assert_eq!(open.len(), 1);
        assert_eq!(open[0]["service_request_id"], light);
        let future = json(&city.get(&format!("/open311/v2/requests.json?api_key={desk}&start_date=2099-01-01T00:00:00Z")).await?.body)?;
        assert!(future.is_empty());
        let both = json(&city.get(&format!("/open311/v2/requests.json?api_key={desk}&service_request_id={callback},{light}")).await?.body)?;
        assert_eq!(both.len(), 2);
        let bad = city.get(&format!("/open311/v2/requests.json?api_key={desk}&start_date=yesterday")).await?;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(is_error_array(&bad.body, 400));
        let bad = city.get(&format!("/open311/v2/requests.json?api_key={desk}&status=pending")).await?;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);

        // Kiosks are the only source of requests.
        let request = city
            .client
            .post(format!("{}/open311/v2/requests.json?api_key={desk}", city.base))
            .form(&[("service_code", "callback"), ("description", "made up")]);
        let page = city.send(request).await?;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(is_error_array(&page.body, 403));

        // A deleted key is refused from then on.
        assert!(store.delete_open311_key("crm")?);
        let page = city.get(&format!("/open311/v2/services.json?api_key={crm}")).await?;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        anyhow::Ok(())
    })?;
    Ok(())
}

#[test]
fn an_admin_makes_and_deletes_keys_on_the_staff_web_and_no_one_else_can() -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    staff_city(&server)?;
    runtime()?.block_on(async {
        let mut admin = StaffClient::new(&server.url(), server.fingerprint())?;
        admin
            .log_in_as(system_tests::ADMIN.name, system_tests::ADMIN.password)
            .await?;
        let page = admin.get("/staff/open311").await?;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("[[open311_push]]"), "no push configured");
        let csrf = system_tests::staff_client::hidden_value(&page.body, "csrf").unwrap_or_default();
        let forged = admin
            .post(
                "/staff/open311",
                &[("csrf", "forged"), ("name", "crm"), ("forms", "callback")],
            )
            .await?;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let no_forms = admin
            .post(
                "/staff/open311",
                &[("csrf", &csrf), ("name", "crm"), ("forms", "")],
            )
            .await?;
        assert_eq!(no_forms.status, StatusCode::UNPROCESSABLE_ENTITY);
        let made = admin
            .post(
                "/staff/open311",
                &[
                    ("csrf", &csrf),
                    ("name", "crm"),
                    ("forms", "callback street-light"),
                ],
            )
            .await?;
        assert_eq!(made.status, StatusCode::OK);
        let key = made
            .body
            .split("<code>")
            .nth(1)
            .and_then(|rest| rest.split("</code>").next())
            .unwrap_or_default()
            .to_owned();
        assert!(key.starts_with("o311_"), "the key is shown once: {key}");
        let services = admin
            .get(&format!("/open311/v2/services.json?api_key={key}"))
            .await?;
        assert_eq!(services.status, StatusCode::OK);
        let codes: Vec<String> = json(&services.body)?
            .iter()
            .filter_map(|s| s["service_code"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(codes, ["callback", "street-light"]);
        let audit = server.store().audit_entries(20)?;
        assert!(
            audit
                .iter()
                .any(|e| e.action == "add_open311_key" && e.name == "admin")
        );
        let listed = admin.get("/staff/open311").await?;
        assert!(
            listed.body.contains("crm") && !listed.body.contains(&key),
            "never shown again"
        );
        let deleted = admin
            .post("/staff/open311/delete", &[("csrf", &csrf), ("name", "crm")])
            .await?;
        assert_eq!(deleted.status, StatusCode::OK);
        let refused = admin
            .get(&format!("/open311/v2/services.json?api_key={key}"))
            .await?;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        for login in [
            system_tests::LIBRARIAN,
            system_tests::CITY_STAFF,
            system_tests::ANALYST,
        ] {
            let mut other = StaffClient::new(&server.url(), server.fingerprint())?;
            other.log_in_as(login.name, login.password).await?;
            assert_eq!(
                other.get("/staff/open311").await?.status,
                StatusCode::FORBIDDEN,
                "{}",
                login.name
            );
        }
        anyhow::Ok(())
    })?;
    Ok(())
}
