//! The frame every staff page shares: language and direction, a skip link, the navigation
//! the role allows, the language links and logout; the style sheet; refusal pages. No
//! script: every page works without JavaScript.

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::auth::Staff;
use super::i18n::{LOCALES, Tr};
use crate::store::Role;

/// Whether a role sees a page.
type Allowed = fn(Role) -> bool;

/// A navigation entry: path, message id, and who sees it.
const NAV: [(&str, &str, Allowed); 10] = [
    ("/staff/requests", "nav-requests", Role::sees_requests),
    ("/staff/dashboard", "nav-dashboard", Role::sees_metrics),
    ("/staff/exports", "nav-exports", Role::sees_metrics),
    ("/staff/privacy", "nav-privacy", Role::sees_metrics),
    ("/staff/definitions", "nav-definitions", |_| true),
    ("/staff/fleet", "nav-fleet", |role| role != Role::CaseWorker),
    ("/staff/places", "nav-places", Role::publishes),
    ("/staff/content", "nav-content", Role::publishes),
    ("/staff/users", "nav-users", Role::administers),
    ("/staff/open311", "nav-open311", Role::administers),
];

/// A whole page.
pub fn page(tr: Tr, staff: Option<&Staff>, title: &str, path: &str, body: Markup) -> Html<String> {
    let markup = html! {
        (DOCTYPE)
        html lang=(tr.locale()) dir=(tr.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (tr.t("site-name")) }
                link rel="stylesheet" href="/staff/static/staff.css";
            }
            body {
                a class="skip" href="#main" { (tr.t("skip-to-content")) }
                header class="top" {
                    p class="site" { a href="/staff/" { (tr.t("site-name")) } }
                    @if let Some(staff) = staff {
                        nav aria-label=(tr.t("nav-label")) {
                            ul {
                                @for (href, id, allowed) in NAV {
                                    @if allowed(staff.role()) {
                                        li {
                                            a href=(href) aria-current=[path.starts_with(href).then_some("page")] { (tr.t(id)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    div class="tools" {
                        nav aria-label=(tr.t("language-label")) class="languages" {
                            ul {
                                @for (tag, name) in LOCALES {
                                    li {
                                        a href={ "/staff/lang?to=" (tag) "&back=" (super::auth::percent_encode(path)) }
                                            lang=(tag) hreflang=(tag)
                                            aria-current=[(tag == tr.locale()).then_some("true")] { (name) }
                                    }
                                }
                            }
                        }
                        @if let Some(staff) = staff {
                            p class="who" {
                                (staff.user.name) " · " (tr.t(&format!("role-{}", staff.role().as_str())))
                            }
                            form method="post" action="/staff/logout" class="logout" {
                                input type="hidden" name="csrf" value=(staff.csrf);
                                button type="submit" { (tr.t("logout")) }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" { (body) }
                footer { p { (tr.t("footer-privacy")) } }
            }
        }
    };
    Html(markup.into_string())
}

/// A short page saying why a request was refused.
pub fn refused(tr: Tr, status: StatusCode, message: &str) -> Response {
    refusal(tr, None, status, message)
}

/// 403 for a role that may not see a page.
pub fn forbidden(tr: Tr, staff: &Staff) -> Response {
    refusal(tr, Some(staff), StatusCode::FORBIDDEN, &tr.t("error-role"))
}

/// 403 for a form that did not carry the session's CSRF token.
pub fn bad_csrf(tr: Tr) -> Response {
    refused(tr, StatusCode::FORBIDDEN, &tr.t("error-csrf"))
}

/// Form ids (or any names) typed in one box, separated by commas or spaces; at most 100.
pub fn name_list(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|name| !name.is_empty())
        .take(100)
        .map(str::to_owned)
        .collect()
}

/// The checks of a form only admins may send: its CSRF token, then the role. Some: the
/// refusal to answer with.
pub fn refuse_admin_form(tr: Tr, staff: &Staff, csrf: &str) -> Option<Response> {
    if !staff.csrf_ok(csrf) {
        return Some(bad_csrf(tr));
    }
    if !staff.role().administers() {
        return Some(forbidden(tr, staff));
    }
    None
}

fn refusal(tr: Tr, staff: Option<&Staff>, status: StatusCode, message: &str) -> Response {
    let title = tr.t("refused-title");
    let body = html! {
        h1 { (title) }
        p role="alert" { (message) }
        p { a href="/staff/" { (tr.t("back-home")) } }
    };
    (status, page(tr, staff, &title, "/staff/", body)).into_response()
}

/// The style sheet: large, high-contrast text, visible focus, room to tap, mirrored in RTL.
pub async fn style_sheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

const STYLE: &str = r#"
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #8a8a8a; --bg: #ffffff; --panel: #f3f5f7;
        --accent: #0b5394; --alert: #a30000; --ok: #1d6b2a; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.5 system-ui, "Noto Sans", "Noto Sans Arabic", sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, main:focus-visible {
  outline: 3px solid #e8a200; outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; }
.skip:focus { inset-inline-start: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; justify-content: space-between;
  padding: .75rem 1.25rem; background: #0b2a4a; color: #fff; }
header.top a { color: #fff; }
header.top .site { font-weight: 700; font-size: 1.2rem; margin: 0; }
header.top ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header.top nav a { display: inline-block; padding: .35rem .25rem; min-height: 44px; line-height: 2; }
header.top a[aria-current="page"] { text-decoration-thickness: 3px; font-weight: 700; }
header.top .tools { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
header.top .who { margin: 0; }
header.top a[aria-current="true"] { font-weight: 700; }
button { font: inherit; padding: .45rem 1rem; min-height: 44px; border: 2px solid var(--accent); border-radius: 6px;
  background: var(--accent); color: #fff; cursor: pointer; }
header.top button { background: transparent; border-color: #fff; }
button.secondary { background: var(--bg); color: var(--accent); }
button.danger { background: var(--alert); border-color: var(--alert); }
main { max-width: 78rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input, select { font: inherit; padding: .4rem .6rem; min-height: 44px; border: 2px solid var(--line); border-radius: 6px; max-width: 100%; }
input[type=file] { border-style: dashed; }
form.inline { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; }
form.inline p { margin: 0; }
.login { max-width: 24rem; }
.problem, .alert { color: var(--alert); font-weight: 600; }
.ok { color: var(--ok); font-weight: 600; }
.hint, .muted { color: var(--muted); }
.panel { background: var(--panel); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: start; font-weight: 700; padding: .25rem 0 .5rem; }
th, td { border-bottom: 1px solid #c9c9c9; padding: .4rem .6rem; text-align: start; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem 2rem; }
figure { margin: 0; }
figcaption { font-weight: 700; margin-bottom: .5rem; }
svg text { font-family: inherit; }
figure svg { max-width: 100%; height: auto; }
meter { width: 8rem; height: 1.2rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid var(--ink); vertical-align: middle; margin-inline-end: .35rem; }
.s0 { background: #edf8fb; } .s1 { background: #b3cde3; } .s2 { background: #8c96c6; } .s3 { background: #8856a7; } .s4 { background: #810f7c; } .snone { background: #d9d9d9; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; border: 2px solid currentColor; font-size: .95rem; margin: .1rem; }
.badge.alert { color: var(--alert); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
code { font-size: .95em; }
code.ticket { display: block; direction: ltr; text-align: left; overflow-wrap: anywhere; }
svg.qr { max-width: 100%; height: auto; }
footer { border-top: 1px solid #c9c9c9; color: var(--muted); padding: 1rem 1.25rem; max-width: 78rem; margin: 0 auto; }
@media (max-width: 40rem) { body { font-size: 1rem; } h1 { font-size: 1.5rem; } }
"#;
