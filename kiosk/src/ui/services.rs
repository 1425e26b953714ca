//! City services: categories, search, lists and the service page, "send to my phone" (a QR
//! code on screen) and printing a service's details.

use std::cell::RefCell;
use std::rc::Rc;

use content::{Channel, Service, ServiceText};
use slint::{
    ComponentHandle as _, Image, ModelRc, Rgb8Pixel, SharedPixelBuffer, SharedString, VecModel,
};
use wire::EventKind;

use super::state::{ListSource, UiState};
use super::{
    CategoryItem, InfoSection, KioskWindow, Page, ServiceItem, ServicesAdapter, go, handler, icons,
};
use crate::devices::Printout;

/// Most results a search shows.
const SEARCH_LIMIT: usize = 20;

pub fn wire(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let adapter = window.global::<ServicesAdapter>();
    adapter.on_search(handler(
        window,
        state,
        |window, state, query: SharedString| search(window, state, &query),
    ));
    adapter.on_open_category(handler(window, state, |window, state, id: SharedString| {
        state.visits.record(EventKind::CategoryOpened {
            category: id.to_string(),
        });
        state.list = Some(ListSource::Category(id.to_string()));
        fill_list(window, state);
        go(window, state, Page::ServiceList);
    }));
    adapter.on_open_service(handler(window, state, |window, state, id: SharedString| {
        open_service(window, state, &id)
    }));
    let phone = handler(window, state, |window, state, ()| {
        send_to_phone(window, state)
    });
    adapter.on_send_to_phone(move || phone(()));
    let close = handler(window, state, |window, _, ()| {
        window.global::<ServicesAdapter>().set_qr_open(false)
    });
    adapter.on_close_qr(move || close(()));
    let print = handler(window, state, |window, state, ()| {
        print_service(window, state)
    });
    adapter.on_print(move || print(()));
    let request = handler(window, state, |window, state, ()| {
        let form = state
            .service_id
            .as_deref()
            .and_then(|id| state.content.service(id))
            .and_then(|s| s.form.clone());
        if let Some(form) = form {
            super::forms::open(window, state, &form);
        }
    });
    adapter.on_request(move || request(()));
    let rate = handler(window, state, |window, state, ()| {
        if let Some(id) = state.service_id.clone() {
            super::say::rate(window, state, &id);
        }
    });
    adapter.on_rate(move || rate(()));
}

/// The categories in the current language.
pub fn fill_categories(window: &KioskWindow, state: &UiState) {
    let fallback = state.content.default_locale();
    let categories: Vec<CategoryItem> = state
        .content
        .categories
        .iter()
        .map(|category| CategoryItem {
            id: category.id.as_str().into(),
            name: category
                .name
                .get(&state.locale, fallback)
                .map(|s| s.value.as_str())
                .unwrap_or(&category.id)
                .into(),
            icon: icons::icon(&category.icon),
        })
        .collect();
    window
        .global::<ServicesAdapter>()
        .set_categories(ModelRc::new(VecModel::from(categories)));
}

/// Forgets the last search, list and service page.
pub fn clear(window: &KioskWindow) {
    let adapter = window.global::<ServicesAdapter>();
    adapter.set_query(SharedString::new());
    adapter.set_list(ModelRc::default());
    adapter.set_list_title(SharedString::new());
    adapter.set_list_message(SharedString::new());
    adapter.set_sections(ModelRc::default());
    adapter.set_service_name(SharedString::new());
    adapter.set_service_summary(SharedString::new());
    adapter.set_qr_open(false);
    adapter.set_qr(Image::default());
    adapter.set_qr_url(SharedString::new());
}

/// The text of a service in the current language, and whether it is the fallback.
pub fn service_text<'a>(state: &UiState, service: &'a Service) -> Option<(&'a ServiceText, bool)> {
    service
        .text
        .get(&state.locale, state.content.default_locale())
        .map(|shown| (shown.value, shown.is_fallback))
}

/// What the service is, as the resident asked for it: the easy-read sentences, one per line,
/// when easy-read is on and the content has them, otherwise the summary.
pub fn summary(state: &UiState, text: &ServiceText) -> String {
    if state.settings.easy_read && !text.easy.is_empty() {
        text.easy.join("\n")
    } else {
        text.summary.clone()
    }
}

fn index(state: &mut UiState) -> Rc<search::SearchIndex> {
    match &state.search_index {
        Some((locale, index)) if *locale == state.locale => index.clone(),
        _ => {
            let index = Rc::new(search::SearchIndex::build(&state.content, &state.locale));
            state.search_index = Some((state.locale.clone(), index.clone()));
            index
        }
    }
}

fn search(window: &KioskWindow, state: &mut UiState, query: &str) {
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    let hits = index(state).search(query, SEARCH_LIMIT);
    // Only the count and the best match's topic code are recorded, never the words typed.
    let topic = hits
        .first()
        .and_then(|hit| state.content.service(&hit.service_id))
        .map(|s| s.topic.clone());
    state.visits.record(EventKind::Searched {
        results: hits.len() as u32,
        topic,
    });
    state.list = Some(ListSource::Search(query.to_owned()));
    fill_list(window, state);
    go(window, state, Page::ServiceList);
}

/// Fills the list page from `state.list`.
fn fill_list(window: &KioskWindow, state: &mut UiState) {
    let Some(source) = state.list.clone() else {
        return;
    };
    let (title, ids): (String, Vec<String>) = match &source {
        ListSource::Category(id) => {
            let name = state
                .content
                .categories
                .iter()
                .find(|c| &c.id == id)
                .and_then(|c| c.name.get(&state.locale, state.content.default_locale()))
                .map(|s| s.value.clone())
                .unwrap_or_default();
            (
                name,
                state
                    .content
                    .services_in(id)
                    .map(|s| s.id.clone())
                    .collect(),
            )
        }
        ListSource::Search(query) => {
            let hits = index(state).search(query, SEARCH_LIMIT);
            (
                state.format("services-results-title", &[("query", query.clone().into())]),
                hits.into_iter().map(|hit| hit.service_id).collect(),
            )
        }
    };
    let items: Vec<ServiceItem> = ids
        .iter()
        .filter_map(|id| state.content.service(id))
        .filter_map(|service| {
            let (text, fallback) = service_text(state, service)?;
            Some(ServiceItem {
                id: service.id.as_str().into(),
                name: text.name.as_str().into(),
                summary: text.summary.as_str().into(),
                fallback,
            })
        })
        .collect();
    let adapter = window.global::<ServicesAdapter>();
    adapter.set_list_message(if items.is_empty() {
        state.text("services-no-results").into()
    } else {
        SharedString::new()
    });
    adapter.set_list_title(title.into());
    adapter.set_list(ModelRc::new(VecModel::from(items)));
}

fn open_service(window: &KioskWindow, state: &mut UiState, id: &str) {
    let Some(service) = state.content.service(id).cloned() else {
        return;
    };
    let Some((text, fallback)) = service_text(state, &service) else {
        return;
    };
    state.visits.record(EventKind::ServiceViewed {
        topic: service.topic.clone(),
    });
    state.service_id = Some(service.id.clone());
    state.recent_services.retain(|s| s != &service.id);
    state.recent_services.insert(0, service.id.clone());
    let adapter = window.global::<ServicesAdapter>();
    adapter.set_service_name(text.name.as_str().into());
    adapter.set_service_summary(summary(state, text).into());
    adapter.set_service_fallback(fallback);
    adapter.set_has_form(
        service
            .form
            .as_deref()
            .is_some_and(|form| state.content.form(form).is_some()),
    );
    adapter.set_has_link(service.website.is_some());
    let sections: Vec<InfoSection> = sections(state, &service, text)
        .into_iter()
        .map(|(heading, body, items, icon)| InfoSection {
            heading: heading.into(),
            body: body.into(),
            items: ModelRc::new(VecModel::from(
                items
                    .into_iter()
                    .map(SharedString::from)
                    .collect::<Vec<_>>(),
            )),
            icon: icons::icon(icon),
        })
        .collect();
    adapter.set_sections(ModelRc::new(VecModel::from(sections)));
    go(window, state, Page::Service);
}

/// The sections of a service page: (heading, paragraph, list items, icon). Easy-read keeps
/// only what to bring, where and when.
pub fn sections(
    state: &UiState,
    service: &Service,
    text: &ServiceText,
) -> Vec<(String, String, Vec<String>, &'static str)> {
    let easy = state.settings.easy_read;
    let mut sections = Vec::new();
    if !easy {
        sections.push((
            state.text("service-who"),
            text.who.clone(),
            Vec::new(),
            "person",
        ));
    }
    if !text.bring.is_empty() {
        sections.push((
            state.text("service-bring"),
            String::new(),
            text.bring.clone(),
            "bring",
        ));
    }
    sections.push((
        state.text("service-where"),
        text.place.clone(),
        Vec::new(),
        "location",
    ));
    if !service.hours.is_empty() {
        sections.push((
            state.text("service-hours"),
            String::new(),
            hours_lines(state, service),
            "clock",
        ));
    }
    let channels: Vec<String> = service
        .channels
        .iter()
        .map(|channel| {
            state.text(match channel {
                Channel::InPerson => "channel-in-person",
                Channel::Online => "channel-online",
                Channel::Phone => "channel-phone",
            })
        })
        .collect();
    sections.push((
        state.text("service-how"),
        if easy {
            String::new()
        } else {
            text.how.clone()
        },
        channels,
        "info",
    ));
    let mut contact = Vec::new();
    if let Some(phone) = &service.phone {
        // Numbers read left to right even inside right-to-left text.
        contact.push(format!("\u{2066}{phone}\u{2069}"));
    }
    if let Some(website) = &service.website {
        contact.push(format!("\u{2066}{website}\u{2069}"));
    }
    if !contact.is_empty() {
        sections.push((
            state.text("service-contact"),
            String::new(),
            contact,
            "phone-call",
        ));
    }
    sections
}

/// "Monday to Friday: 09:00 to 19:00", one line per block of hours.
fn hours_lines(state: &UiState, service: &Service) -> Vec<String> {
    service
        .hours
        .iter()
        .map(|hours| {
            let day = |d: &str| state.text(&format!("day-{d}"));
            let days = match hours.days.as_slice() {
                [] => String::new(),
                [one] => day(one),
                [first, .., last] if is_consecutive(&hours.days) => state.format(
                    "day-range",
                    &[("first", day(first).into()), ("last", day(last).into())],
                ),
                many => many.iter().map(|d| day(d)).collect::<Vec<_>>().join(", "),
            };
            state.format(
                "hours-line",
                &[
                    ("days", days.into()),
                    ("opens", hours.opens.clone().into()),
                    ("closes", hours.closes.clone().into()),
                ],
            )
        })
        .collect()
}

fn is_consecutive(days: &[String]) -> bool {
    const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let positions: Vec<usize> = days
        .iter()
        .filter_map(|d| WEEK.iter().position(|w| w == d))
        .collect();
    positions.len() == days.len()
        && positions.len() > 2
        && positions.windows(2).all(|pair| pair[1] == pair[0] + 1)
}

fn send_to_phone(window: &KioskWindow, state: &mut UiState) {
    let Some(service) = state
        .service_id
        .as_deref()
        .and_then(|id| state.content.service(id))
        .cloned()
    else {
        return;
    };
    let Some(url) = service.website.clone() else {
        return;
    };
    match qr_image(&url) {
        Some(image) => {
            state.visits.record(EventKind::ServiceSentToPhone {
                topic: service.topic.clone(),
            });
            let adapter = window.global::<ServicesAdapter>();
            adapter.set_qr(image);
            adapter.set_qr_url(url.into());
            adapter.set_qr_open(true);
        }
        None => tracing::warn!(service = %service.id, "the link is too long for a QR code"),
    }
}

/// A QR code as a Slint image: black modules on white, one pixel each (the UI scales it up
/// with pixelated rendering), with the quiet zone the standard asks for.
pub fn qr_image(data: &str) -> Option<Image> {
    let code = qrcode::QrCode::new(data.as_bytes()).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = (width + 2 * quiet) as u32;
    let mut buffer = SharedPixelBuffer::<Rgb8Pixel>::new(size, size);
    let pixels = buffer.make_mut_slice();
    for (index, pixel) in pixels.iter_mut().enumerate() {
        let (x, y) = (index % size as usize, index / size as usize);
        let dark = x >= quiet
            && y >= quiet
            && x < quiet + width
            && y < quiet + width
            && code[(x - quiet, y - quiet)] == qrcode::Color::Dark;
        *pixel = if dark {
            Rgb8Pixel::new(0, 0, 0)
        } else {
            Rgb8Pixel::new(255, 255, 255)
        };
    }
    Some(Image::from_rgb8(buffer))
}

fn print_service(window: &KioskWindow, state: &mut UiState) {
    let Some(service) = state
        .service_id
        .as_deref()
        .and_then(|id| state.content.service(id))
        .cloned()
    else {
        return;
    };
    let Some((text, _)) = service_text(state, &service) else {
        return;
    };
    let mut lines = vec![summary(state, text)];
    for (heading, body, items, _) in sections(state, &service, text) {
        lines.push(format!("{heading}:"));
        if !body.is_empty() {
            lines.push(body);
        }
        lines.extend(items.into_iter().map(|item| format!("- {item}")));
    }
    let printout = Printout::Service {
        title: text.name.clone(),
        lines,
        link: service.website.clone(),
        link_note: state.text("ticket-scan"),
    };
    state.visits.record(EventKind::ServicePrinted {
        topic: service.topic.clone(),
    });
    super::print(window, state, printout);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_codes_have_a_quiet_zone_and_dark_modules() {
        let image = qr_image("https://riverton.example/library/join").expect("encodes");
        let size = image.size();
        assert_eq!(size.width, size.height);
        assert!(
            size.width >= 21 + 8,
            "at least version 1 plus the quiet zone"
        );
    }

    #[test]
    fn consecutive_days() {
        let days = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_consecutive(&days(&["mon", "tue", "wed", "thu", "fri"])));
        assert!(!is_consecutive(&days(&["mon", "wed", "fri"])));
        assert!(
            !is_consecutive(&days(&["sat", "sun"])),
            "two days read better as a list"
        );
    }
}
