//! Sites and one-time enrolment codes: shared by `sync-server enrol`, the staff web's fleet
//! page and tests. A site belongs to a neighbourhood of the city's baselines; codes are made
//! for sites.

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

/// Adds a site in a neighbourhood that the baselines name (refused otherwise: kiosks at
/// invented places would feed the figures).
pub fn add_site(store: &Store, site: &str, neighbourhood: &str) -> Result<bool, StoreError> {
    let baselines = store.baselines()?;
    if baselines.is_empty() {
        return Err(StoreError::Refused(
            "upload the neighbourhood baselines first (Places page, or `sync-server baselines import`): a site belongs to one of their neighbourhoods".into(),
        ));
    }
    if !baselines.iter().any(|b| b.neighbourhood == neighbourhood) {
        return Err(StoreError::Refused(format!(
            "there is no neighbourhood called \"{neighbourhood}\" in the baselines"
        )));
    }
    store.add_site(site, neighbourhood)
}

/// Creates and stores a one-time code for one kiosk at `site` in `neighbourhood`. A site not
/// known yet is added, if the baselines name its neighbourhood (a server with no baselines yet
/// takes any neighbourhood, so a town can enrol its first kiosk before uploading them).
pub fn create_code(
    store: &Store,
    site: &str,
    neighbourhood: &str,
    valid_hours: u32,
) -> Result<NewCode, StoreError> {
    if store.site_neighbourhood(site)?.is_none() && !store.baselines()?.is_empty() {
        add_site(store, site, neighbourhood)?;
    }
    if store.live_kiosk_count()? >= crate::store::MAX_KIOSKS as u64 {
        return Err(StoreError::Refused(format!(
            "the server already has {} kiosks, its limit; revoke kiosks no longer in use first",
            crate::store::MAX_KIOSKS
        )));
    }
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
