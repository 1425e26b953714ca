//! Which roles may open a page, as types. A handler takes [`Allowed<G>`] and is called with
//! the signed-in member of staff only when the gate `G` lets their role in; anyone else gets
//! 403 (and someone not signed in, the login page). [`Staff`] is not an extractor of its own,
//! so a page cannot forget its check: it names its gate in its signature.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::auth::Staff;
use super::auth::tr_for;
use super::layout;
use crate::AppState;
use crate::store::Role;

/// A rule over roles.
pub trait Gate: 'static {
    /// Whether `role` may pass.
    fn allows(role: Role) -> bool;
}

/// Every signed-in member of staff (the home page, definitions, signing out).
pub struct AnyRole;
/// Roles that see inclusion figures (city staff, analysts, admins).
pub struct SeesMetrics;
/// Roles that publish content and import baselines (city staff, admins).
pub struct Publishes;
/// Admins: users, the audit log, the city's case systems, privacy settings.
pub struct Administers;
/// Roles that see the Requests page (case workers in full, admins existence and status).
pub struct SeesRequests;
/// Case workers: they answer residents' requests and open their personal fields.
pub struct HandlesRequests;
/// Roles that look after kiosks (everyone but case workers).
pub struct LooksAfterKiosks;

impl Gate for AnyRole {
    fn allows(_: Role) -> bool {
        true
    }
}
impl Gate for SeesMetrics {
    fn allows(role: Role) -> bool {
        role.sees_metrics()
    }
}
impl Gate for Publishes {
    fn allows(role: Role) -> bool {
        role.publishes()
    }
}
impl Gate for Administers {
    fn allows(role: Role) -> bool {
        role.administers()
    }
}
impl Gate for SeesRequests {
    fn allows(role: Role) -> bool {
        role.sees_requests()
    }
}
impl Gate for HandlesRequests {
    fn allows(role: Role) -> bool {
        role.handles_requests()
    }
}
impl Gate for LooksAfterKiosks {
    fn allows(role: Role) -> bool {
        role != Role::CaseWorker
    }
}

/// A signed-in member of staff whose role `G` lets in.
pub struct Allowed<G: Gate> {
    staff: Staff,
    gate: PhantomData<fn() -> G>,
}

impl<G: Gate> Allowed<G> {
    /// The member of staff.
    pub fn into_inner(self) -> Staff {
        self.staff
    }
}

impl<G: Gate> std::ops::Deref for Allowed<G> {
    type Target = Staff;
    fn deref(&self) -> &Staff {
        &self.staff
    }
}

impl<G: Gate> FromRequestParts<AppState> for Allowed<G> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let staff = Staff::from_session(parts, state).await?;
        if !G::allows(staff.role()) {
            return Err(layout::forbidden(tr_for(&parts.headers), &staff));
        }
        Ok(Allowed {
            staff,
            gate: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which roles pass which gate, role by role (least powerful first).
    #[test]
    fn each_gate_lets_in_exactly_its_roles() {
        let passes = |allows: fn(Role) -> bool| -> Vec<Role> {
            Role::ALL.into_iter().filter(|role| allows(*role)).collect()
        };
        use Role::*;
        assert_eq!(passes(AnyRole::allows), Role::ALL);
        assert_eq!(passes(SeesMetrics::allows), [CityStaff, Analyst, Admin]);
        assert_eq!(passes(Publishes::allows), [CityStaff, Admin]);
        assert_eq!(passes(Administers::allows), [Admin]);
        assert_eq!(passes(SeesRequests::allows), [CaseWorker, Admin]);
        assert_eq!(passes(HandlesRequests::allows), [CaseWorker]);
        assert_eq!(
            passes(LooksAfterKiosks::allows),
            [Librarian, CityStaff, Analyst, Admin]
        );
    }
}
