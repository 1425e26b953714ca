//! A browser without a screen for the staff web: keeps cookies, follows no redirects, pins
//! the server's certificate, and can send every request as if from another client address
//! (through a proxy the server trusts). The whole-system tests and the abuse suite use it.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

use crate::TestLogin;

/// A staff member's browser.
pub struct StaffClient {
    /// The HTTP client (for requests the helpers below do not cover).
    pub client: reqwest::Client,
    /// The server's address, e.g. `https://127.0.0.1:8443`.
    pub base: String,
    /// The cookies it holds, by name.
    pub cookies: BTreeMap<String, String>,
    forwarded_for: Option<String>,
}

/// A page as the browser got it.
#[derive(Debug)]
pub struct Page {
    /// The HTTP status.
    pub status: StatusCode,
    /// Where a redirect points.
    pub location: Option<String>,
    /// The body as text.
    pub body: String,
}

impl StaffClient {
    /// A browser for the server at `url` with certificate `fingerprint`.
    pub fn new(url: &str, fingerprint: &str) -> anyhow::Result<StaffClient> {
        let tls = kiosk_core::sync::pinning::pinned_client_config(fingerprint.parse()?)?;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(StaffClient {
            client,
            base: url.trim_end_matches('/').to_owned(),
            cookies: BTreeMap::new(),
            forwarded_for: None,
        })
    }

    /// The same browser, its requests arriving through a trusted proxy from `address`.
    pub fn from_address(mut self, address: &str) -> StaffClient {
        self.forwarded_for = Some(address.to_owned());
        self
    }

    /// Whether the browser holds a cookie called `name`.
    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.contains_key(name)
    }

    /// Sends a request with the browser's cookies, keeping the ones it sets.
    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> anyhow::Result<Page> {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut request = request.header(COOKIE, cookie);
        if let Some(address) = &self.forwarded_for {
            request = request.header("x-forwarded-for", address);
        }
        let response = request.send().await?;
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str()?;
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let status = response.status();
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Page {
            status,
            location,
            body: response.text().await?,
        })
    }

    /// GET a path.
    pub async fn get(&mut self, path: &str) -> anyhow::Result<Page> {
        let request = self.client.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    /// POST a form to a path.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> anyhow::Result<Page> {
        let request = self.client.post(format!("{}{path}", self.base)).form(form);
        self.send(request).await
    }

    /// POST a file upload form (`csrf` and `file`) to a path.
    pub async fn upload(
        &mut self,
        path: &str,
        csrf: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> anyhow::Result<Page> {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
            );
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .multipart(form);
        self.send(request).await
    }

    /// Logs in with the login page's own form.
    pub async fn log_in(&mut self, login: &TestLogin) -> anyhow::Result<Page> {
        self.log_in_as(login.name, login.password).await
    }

    /// Logs in as `name` with `password`.
    pub async fn log_in_as(&mut self, name: &str, password: &str) -> anyhow::Result<Page> {
        let page = self.get("/staff/login").await?;
        let token = hidden_value(&page.body, "csrf").unwrap_or_default();
        self.post(
            "/staff/login",
            &[
                ("name", name),
                ("password", password),
                ("csrf", &token),
                ("next", "/staff/"),
            ],
        )
        .await
    }

    /// The CSRF token of the form on `path`.
    pub async fn csrf(&mut self, path: &str) -> anyhow::Result<String> {
        let page = self.get(path).await?;
        hidden_value(&page.body, "csrf").ok_or_else(|| anyhow::anyhow!("no csrf field on {path}"))
    }
}

/// The value of the first hidden field called `name` in a page.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..].split('"').next()?.to_owned())
}
