//! Forms with a file (multipart): the form itself, and reading its CSRF token and the file's
//! bytes with a size limit, then checking the token and the role, so every upload form is
//! drawn and handled the same way.

use axum::extract::Multipart;
use axum::response::Response;
use maud::{Markup, html};

use super::auth::Staff;
use super::i18n::Tr;
use super::layout;

/// What an upload form carried.
#[derive(Debug, Default)]
pub struct Upload {
    /// The CSRF token field.
    pub csrf: String,
    /// The file's name as the browser gave it.
    pub filename: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Why an upload could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// Larger than allowed.
    #[error("the file is larger than {0} MB")]
    TooLarge(usize),
    /// Not a well-formed form.
    #[error("the form could not be read: {0}")]
    Malformed(String),
    /// No file was chosen.
    #[error("no file was chosen")]
    NoFile,
}

/// An upload form: the CSRF token, a labelled file field described by the hint with id
/// `hint_id`, and a submit button.
pub fn form(
    staff: &Staff,
    action: &str,
    field_id: &str,
    label: &str,
    accept: &str,
    hint_id: &str,
    button: &str,
) -> Markup {
    html! {
        form method="post" action=(action) enctype="multipart/form-data" class="inline" {
            input type="hidden" name="csrf" value=(staff.csrf);
            p {
                label for=(field_id) { (label) }
                input id=(field_id) name="file" type="file" accept=(accept) required aria-describedby=(hint_id);
            }
            p { button type="submit" { (button) } }
        }
    }
}

/// Why an upload was not taken.
pub enum Rejected {
    /// The form could not be read (too large, no file): show the page with this message.
    Unreadable(String),
    /// A wrong CSRF token or a role that may not upload: answer this.
    Refused(Response),
}

/// Reads an upload, then checks its CSRF token and that the role `may` upload.
pub async fn accept(
    multipart: Multipart,
    limit_mb: usize,
    staff: &Staff,
    tr: Tr,
    may: bool,
) -> Result<Upload, Rejected> {
    let upload = read(multipart, limit_mb)
        .await
        .map_err(|error| Rejected::Unreadable(error.to_string()))?;
    if !staff.csrf_ok(&upload.csrf) {
        return Err(Rejected::Refused(layout::bad_csrf(tr)));
    }
    if !may {
        return Err(Rejected::Refused(layout::forbidden(tr, staff)));
    }
    Ok(upload)
}

/// Reads the `csrf` field and the `file` field.
async fn read(mut multipart: Multipart, limit_mb: usize) -> Result<Upload, UploadError> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| UploadError::Malformed(e.body_text()))?
    {
        match field.name() {
            Some("csrf") => {
                upload.csrf = field
                    .text()
                    .await
                    .map_err(|e| UploadError::Malformed(e.body_text()))?
            }
            Some("file") => {
                upload.filename = field.file_name().unwrap_or("").to_owned();
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| UploadError::Malformed(e.body_text()))?
                {
                    if upload.bytes.len() + chunk.len() > limit_mb * 1024 * 1024 {
                        return Err(UploadError::TooLarge(limit_mb));
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    if upload.bytes.is_empty() {
        return Err(UploadError::NoFile);
    }
    Ok(upload)
}
