//! Icons and lesson pictures (SVG, embedded at build time) as Slint images, by name: the names
//! content files use for categories and lesson steps.

use std::cell::RefCell;
use std::collections::HashMap;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/icon_files.rs"));
}

thread_local! {
    static CACHE: RefCell<HashMap<String, slint::Image>> = RefCell::new(HashMap::new());
}

/// The icon called `name`, or the "question" picture if there is none by that name.
pub fn icon(name: &str) -> slint::Image {
    CACHE.with(|cache| {
        if let Some(image) = cache.borrow().get(name) {
            return image.clone();
        }
        let image = load(name).or_else(|| load("question")).unwrap_or_default();
        cache.borrow_mut().insert(name.to_owned(), image.clone());
        image
    })
}

fn load(name: &str) -> Option<slint::Image> {
    let (_, bytes) = embedded::ICON_FILES
        .iter()
        .find(|(icon, _)| *icon == name)?;
    match slint::Image::load_from_svg_data(bytes) {
        Ok(image) => Some(image),
        Err(error) => {
            tracing::warn!(name, ?error, "icon does not load");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_content_may_use_has_an_icon() {
        let names: Vec<&str> = embedded::ICON_FILES.iter().map(|(name, _)| *name).collect();
        for name in content::ICONS.iter().chain(content::PICTURES) {
            assert!(names.contains(name), "no icon file for {name}");
        }
    }
}
