//! Staff logins: the session cookie (random token, stored hashed; `__Host-`, Secure,
//! HttpOnly, SameSite=Strict), the CSRF token every form carries back, and the login and
//! logout handlers, with wrong passwords slowing further attempts.

use axum::Form;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::gate::{Allowed, AnyRole};
use super::i18n::{self, Tr};
use super::layout;
use crate::accounts;
use crate::ops::OpsCounters;
use crate::store::{Role, StaffUser};
use crate::{AppState, clock, credentials};

/// The session cookie.
pub const SESSION_COOKIE: &str = "__Host-staff";
/// The login form's own CSRF cookie (there is no session yet to hold the token).
pub const LOGIN_COOKIE: &str = "__Host-login";
/// How long a login lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;

/// A logged-in member of staff, taken from the session cookie.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Who.
    pub user: StaffUser,
    /// The token forms must carry back.
    pub csrf: String,
    token_hash: String,
}

impl Staff {
    /// Their role.
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// Whether a form's token is this session's (compared in constant time).
    pub fn csrf_ok(&self, token: &str) -> bool {
        constant_time_eq(self.csrf.as_bytes(), token.as_bytes())
    }

    /// Whether this person may see a site's kiosks.
    pub fn sees_site(&self, site: &str) -> bool {
        self.role() != Role::Librarian || self.user.sites.iter().any(|s| s == site)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The page language for a request.
pub fn tr_for(headers: &HeaderMap) -> Tr {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Tr::new(i18n::negotiate(
        cookie(headers, i18n::LANG_COOKIE).as_deref(),
        accept,
    ))
}

/// The page language, as an extractor.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub Tr);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Lang, Self::Rejection> {
        Ok(Lang(tr_for(&parts.headers)))
    }
}

impl Staff {
    /// The member of staff the request's session cookie belongs to, or the login page. Only
    /// `gate::Allowed` calls it: a handler gets a `Staff` by naming its gate.
    pub(super) async fn from_session(parts: &Parts, state: &AppState) -> Result<Staff, Response> {
        let to_login = || {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/staff/");
            let target = format!("/staff/login?next={}", percent_encode(next));
            Redirect::to(&target).into_response()
        };
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        let token_hash = credentials::token_hash(&token);
        let lookup = token_hash.clone();
        let session = state
            .store
            .call(move |store| store.staff_session(&lookup, clock::now()))
            .await
            .map_err(|error| crate::api::ApiFailure::from(error).into_response())?;
        match session {
            Some(session) => Ok(Staff {
                user: session.user,
                csrf: session.csrf,
                token_hash,
            }),
            None => Err(to_login()),
        }
    }
}

/// Percent-encodes a path for a query string.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A `next` target that stays on the staff pages (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(next)
            if next.starts_with("/staff/")
                && !next.starts_with("//")
                && !next.contains(['\\', '\r', '\n']) =>
        {
            next.to_owned()
        }
        _ => "/staff/".to_owned(),
    }
}

fn set_cookie(name: &str, value: &str, max_age: i64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={max_age}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `?next=…` on the login page.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// The login form.
pub async fn login_page(
    Lang(tr): Lang,
    axum::extract::Query(query): axum::extract::Query<LoginQuery>,
) -> Response {
    login_form(tr, query.next.as_deref(), None, StatusCode::OK)
}

fn login_form(tr: Tr, next: Option<&str>, problem: Option<String>, status: StatusCode) -> Response {
    let token = credentials::new_device_token();
    let next = safe_next(next);
    let body = html! {
        h1 { (tr.t("login-title")) }
        @if let Some(problem) = &problem {
            p class="problem" role="alert" id="login-problem" { (problem) }
        }
        form method="post" action="/staff/login" class="login" {
            input type="hidden" name="csrf" value=(token);
            input type="hidden" name="next" value=(next);
            p {
                label for="name" { (tr.t("login-name")) }
                input id="name" name="name" type="text" autocomplete="username" required autofocus
                    aria-describedby=[problem.as_ref().map(|_| "login-problem")];
            }
            p {
                label for="password" { (tr.t("login-password")) }
                input id="password" name="password" type="password" autocomplete="current-password" required;
            }
            p { button type="submit" { (tr.t("login-submit")) } }
        }
        p class="hint" { (tr.t("login-hint")) }
    };
    let mut response = (
        status,
        layout::page(tr, None, &tr.t("login-title"), "/staff/login", body),
    )
        .into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, 3600));
    response
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// Checks a login and starts a session. Attempts are throttled per name and client address
/// and per address (reserved atomically before the password is checked), password checks
/// run a few at a time behind [`accounts::PasswordGate`], and an over-long or odd name is
/// refused without any hashing.
pub async fn login(
    State(state): State<AppState>,
    client: crate::client_address::ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let tr = tr_for(&headers);
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(expected.as_bytes(), form.csrf.as_bytes()) {
        return layout::bad_csrf(tr);
    }
    let typed = form.name.trim();
    // A name that cannot exist is counted against the address under one empty name.
    let name = if accounts::valid_name(typed) {
        typed.to_owned()
    } else {
        String::new()
    };
    let now = clock::now();
    let address = client.throttle_key();
    let Some(ticket) = state.password_gate.enter() else {
        OpsCounters::bump(&state.ops.staff_logins_refused);
        return too_many(
            tr,
            form.next.as_deref(),
            tr.t("login-busy"),
            BUSY_RETRY_SECONDS,
        );
    };
    let (lookup, from) = (name.clone(), address.clone());
    let reserved = state
        .store
        .call(move |store| {
            let wait = store.reserve_login_attempt(&lookup, &from, now, |failures| {
                accounts::login_wait(failures, now)
            })?;
            if wait > 0 || lookup.is_empty() {
                return Ok(Err(wait));
            }
            Ok(Ok(store.staff_user(&lookup)?))
        })
        .await;
    let user = match reserved {
        Err(error) => return crate::api::ApiFailure::from(error).into_response(),
        Ok(Err(wait)) if wait > 0 => {
            OpsCounters::bump(&state.ops.staff_logins_refused);
            let message = tr.ta("login-wait", &[("seconds", wait.into())]);
            return too_many(tr, form.next.as_deref(), message, wait);
        }
        Ok(Err(_)) => None,
        Ok(Ok(user)) => user,
    };
    // The same work whether or not the name exists, so timing does not tell.
    let right = if name.is_empty() {
        false
    } else {
        let hash = user
            .as_ref()
            .map(|u| u.password_hash.clone())
            .unwrap_or_else(|| DUMMY_HASH.to_owned());
        let password = form.password;
        match ticket
            .run(move || accounts::verify_password(&password, &hash))
            .await
        {
            Ok(right) => right,
            Err(error) => {
                tracing::error!(%error, "a password check stopped");
                false
            }
        }
    };
    let user = match user {
        Some(user) if right && !user.disabled => user,
        _ => {
            OpsCounters::bump(&state.ops.staff_logins_refused);
            return login_form(
                tr,
                form.next.as_deref(),
                Some(tr.t("login-wrong")),
                StatusCode::UNAUTHORIZED,
            );
        }
    };
    let token = credentials::new_device_token();
    let csrf = credentials::new_device_token();
    let (token_hash, who, role) = (
        credentials::token_hash(&token),
        user.name.clone(),
        user.role,
    );
    let saved = state
        .store
        .call(move |store| {
            store.login_succeeded(&who, &address)?;
            store.create_staff_session(&token_hash, &who, &csrf, now, now + SESSION_SECONDS)?;
            store.audit(&who, role, "login", "", now)
        })
        .await;
    if let Err(error) = saved {
        return crate::api::ApiFailure::from(error).into_response();
    }
    OpsCounters::bump(&state.ops.staff_logins);
    let mut response = Redirect::to(&safe_next(form.next.as_deref())).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &token, SESSION_SECONDS),
    );
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, "", 0));
    response
}

/// Seconds a refused login is told to wait when too many are being checked at once.
const BUSY_RETRY_SECONDS: i64 = 5;

/// The login form again with 429 and Retry-After.
fn too_many(tr: Tr, next: Option<&str>, message: String, wait: i64) -> Response {
    let mut response = login_form(tr, next, Some(message), StatusCode::TOO_MANY_REQUESTS);
    if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A form that only carries its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    /// The session's token.
    #[serde(default)]
    pub csrf: String,
}

/// Ends the session.
pub async fn logout(
    State(state): State<AppState>,
    staff: Allowed<AnyRole>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !staff.csrf_ok(&form.csrf) {
        let tr = tr_for(&headers);
        return layout::bad_csrf(tr);
    }
    let hash = staff.token_hash.clone();
    let _ = state
        .store
        .call(move |store| store.end_staff_session(&hash))
        .await;
    let mut response = Redirect::to("/staff/login").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", 0));
    response
}

/// An argon2 hash of a random password nobody knows, checked when a name does not exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Mx5bGd6q5qfJm1lmYhG3b2Ql+ZpCq6gZ2a1mX0y0n1E";
