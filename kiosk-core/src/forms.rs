//! Request forms as a resident fills them in: the answers so far, the checks (with messages
//! the UI shows next to each field), and turning a valid draft into a stored request whose
//! personal fields are sealed before they leave memory.

use std::collections::BTreeMap;

use content::{FieldKind, RequestForm};

use crate::codes::Reference;
use crate::sealing::{SealingError, SealingKey};
use crate::store::StoredRequest;

/// Longest text accepted when the form sets no limit.
const DEFAULT_MAX_LENGTH: usize = 500;

/// What is wrong with one field (the UI turns it into a localised message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    /// Required and empty.
    Required,
    /// Required choice not made.
    Choose,
    /// Longer than allowed.
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// Not a phone number.
    Phone,
    /// An option the form does not offer.
    UnknownOption,
}

/// A form being filled in. Lives only in memory; dropped when the visit ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDraft {
    /// The form's content id.
    pub form_id: String,
    /// Field id → what the resident entered or chose (option id).
    pub values: BTreeMap<String, String>,
}

impl FormDraft {
    /// An empty draft of `form`.
    pub fn new(form: &RequestForm) -> FormDraft {
        FormDraft {
            form_id: form.id.clone(),
            values: BTreeMap::new(),
        }
    }

    /// Sets a field's value.
    pub fn set(&mut self, field: &str, value: &str) {
        self.values.insert(field.to_owned(), value.to_owned());
    }

    /// The value of a field ("" if none).
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }
}

/// Checks every field; an empty map means the draft can be submitted.
pub fn validate(form: &RequestForm, draft: &FormDraft) -> BTreeMap<String, FieldError> {
    let mut errors = BTreeMap::new();
    for field in &form.field {
        let value = draft.value(&field.id).trim();
        let error = match field.kind {
            FieldKind::Choice | FieldKind::Slot if value.is_empty() => {
                field.required.then_some(FieldError::Choose)
            }
            FieldKind::Choice if !field.options.iter().any(|o| o == value) => {
                Some(FieldError::UnknownOption)
            }
            FieldKind::Slot if !form.slot.iter().any(|s| s.id == value) => {
                Some(FieldError::UnknownOption)
            }
            FieldKind::Choice | FieldKind::Slot => None,
            _ if value.is_empty() => field.required.then_some(FieldError::Required),
            FieldKind::Phone if !is_phone(value) => Some(FieldError::Phone),
            _ => {
                let max = field
                    .max_length
                    .map(|m| m as usize)
                    .unwrap_or(DEFAULT_MAX_LENGTH);
                (value.chars().count() > max).then_some(FieldError::TooLong { max })
            }
        };
        if let Some(error) = error {
            errors.insert(field.id.clone(), error);
        }
    }
    errors
}

/// 7 to 15 digits, allowing spaces, dashes, dots, brackets and a leading +.
pub fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    allowed && (7..=15).contains(&digits)
}

/// True if the form has a personal field.
pub fn has_personal_fields(form: &RequestForm) -> bool {
    form.field.iter().any(|field| field.personal)
}

/// Turns a valid draft into the request to store: non-personal answers in clear, personal
/// ones sealed together (as JSON) to the server's key. Without a key, personal fields that were
/// filled in cannot be kept, and the request is refused.
pub fn seal_request(
    form: &RequestForm,
    draft: &FormDraft,
    key: Option<&SealingKey>,
    hour: i64,
) -> Result<(Reference, StoredRequest), SealingError> {
    let mut answers = BTreeMap::new();
    let mut personal = BTreeMap::new();
    for field in &form.field {
        let value = draft.value(&field.id).trim();
        if value.is_empty() {
            continue;
        }
        if field.personal {
            personal.insert(field.id.clone(), value.to_owned());
        } else {
            answers.insert(field.id.clone(), value.to_owned());
        }
    }
    let sealed = if personal.is_empty() {
        None
    } else {
        let key = key.ok_or(SealingError::BadKey)?;
        let json = serde_json::to_vec(&personal).map_err(|_| SealingError::Seal)?;
        Some(key.seal(&json)?)
    };
    let reference = Reference::new();
    let request = StoredRequest {
        reference: reference.to_string(),
        form: form.id.clone(),
        topic: form.topic.clone(),
        answers,
        sealed,
        hour,
    };
    Ok((reference, request))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn callback_form() -> RequestForm {
        let bundle = content::Bundle::sample().expect("sample content");
        bundle.form("callback").expect("callback form").clone()
    }

    #[test]
    fn phone_numbers() {
        for good in ["555 0142", "+1 555 0142", "(555) 014-2222", "0712345678"] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "12345",
            "555 01a2",
            "call me",
            "++1555014222",
            "1234567890123456",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn validation_names_each_problem() {
        let form = callback_form();
        let mut draft = FormDraft::new(&form);
        let errors = validate(&form, &draft);
        assert_eq!(errors.get("topic"), Some(&FieldError::Choose));
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
        assert_eq!(errors.get("phone"), Some(&FieldError::Required));
        assert_eq!(errors.get("best_time"), None, "optional");

        draft.set("topic", "not-an-option");
        draft.set("name", &"x".repeat(81));
        draft.set("phone", "12");
        let errors = validate(&form, &draft);
        assert_eq!(errors.get("topic"), Some(&FieldError::UnknownOption));
        assert_eq!(errors.get("name"), Some(&FieldError::TooLong { max: 80 }));
        assert_eq!(errors.get("phone"), Some(&FieldError::Phone));

        draft.set("topic", "housing");
        draft.set("name", "Ana López");
        draft.set("phone", "555 0142");
        assert!(validate(&form, &draft).is_empty());
    }

    #[test]
    fn personal_fields_are_sealed_and_the_rest_kept_in_clear() -> Result<(), SealingError> {
        use base64::Engine as _;
        let form = callback_form();
        let mut draft = FormDraft::new(&form);
        draft.set("topic", "housing");
        draft.set("name", "Ana López");
        draft.set("phone", "555 0142");
        let secret = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
        let key: SealingKey = base64::engine::general_purpose::STANDARD
            .encode(secret.public_key().as_bytes())
            .parse()?;
        let (reference, request) = seal_request(&form, &draft, Some(&key), 7200)?;
        assert_eq!(request.reference, reference.to_string());
        assert_eq!(
            request.answers,
            [("topic".to_owned(), "housing".to_owned())].into()
        );
        let sealed = request.sealed.expect("personal fields sealed");
        let opened: BTreeMap<String, String> =
            serde_json::from_slice(&secret.unseal(&sealed).map_err(|_| SealingError::Seal)?)
                .map_err(|_| SealingError::Seal)?;
        assert_eq!(opened.get("name").map(String::as_str), Some("Ana López"));
        // Without the server's key, personal data cannot be taken.
        assert_eq!(
            seal_request(&form, &draft, None, 7200).map(|_| ()),
            Err(SealingError::BadKey)
        );
        Ok(())
    }
}
