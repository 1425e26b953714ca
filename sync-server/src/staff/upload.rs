//! Reading a form with a file (multipart): its CSRF token and the file's bytes, with a size
//! limit, so every upload form is handled the same way.

use axum::extract::Multipart;

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

/// Reads the `csrf` field and the `file` field.
pub async fn read(mut multipart: Multipart, limit_mb: usize) -> Result<Upload, UploadError> {
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
