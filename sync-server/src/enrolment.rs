//! Creating one-time enrolment codes: shared by `sync-server enrol` and anything else that
//! enrols kiosks (tests, and later the staff pages).

use crate::store::{EnrolmentCode, Store, StoreError};
use crate::{clock, credentials};

/// A code just created, with where it is for and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    /// The code to hand over, e.g. `K7PQ-M3XZ-R9TA`. Only its hash is stored.
    pub code: String,
    /// Unix seconds after which it no longer works.
    pub expires_at: i64,
}

/// Creates and stores a one-time code for one kiosk at `site` in `neighbourhood`.
pub fn create_code(
    store: &Store,
    site: &str,
    neighbourhood: &str,
    valid_hours: u32,
) -> Result<NewCode, StoreError> {
    let code = credentials::new_enrolment_code();
    let now = clock::now();
    let expires_at = now + i64::from(valid_hours) * 3600;
    store.add_enrolment_code(
        &EnrolmentCode {
            code_hash: credentials::code_hash(&code),
            site: site.to_owned(),
            neighbourhood: neighbourhood.to_owned(),
            expires_at,
        },
        now,
    )?;
    Ok(NewCode { code, expires_at })
}
