//! A JSON body extractor whose rejections are JSON [`ApiFailure`]s, not plain text.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};

use super::error::ApiFailure;

/// Like [`axum::Json`], but a malformed body gets the API's JSON error shape.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiFailure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(ApiFailure::new(rejection.status(), rejection.body_text())),
        }
    }
}
