//! Binary deltas for content files: a changed file travels as a zstd frame made in
//! "patch-from" mode against the version the kiosk holds (the old file is the frame's
//! reference prefix), and the kiosk checks the rebuilt file against the hash the signed
//! manifest gives before using it.

/// The largest file a delta is made from or to: both are held in memory on both sides.
pub const MAX_DELTA_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a delta could not be made or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeltaError {
    /// A file is over [`MAX_DELTA_FILE_BYTES`].
    #[error("a file of {0} bytes is too large for a delta")]
    TooLarge(u64),
    /// zstd refused to make or apply it (damaged, or made against another file).
    #[error("the delta does not apply: {0}")]
    Unusable(String),
}

/// The zstd window that covers `old` and `new` together, so every byte of `old` can be
/// referred to.
fn window_log(old: usize, new: usize) -> u32 {
    let span = (old + new).max(1 << 10) as u64;
    (64 - (span - 1).leading_zeros()).clamp(10, 27)
}

fn check_size(bytes: usize) -> Result<(), DeltaError> {
    if bytes as u64 > MAX_DELTA_FILE_BYTES {
        return Err(DeltaError::TooLarge(bytes as u64));
    }
    Ok(())
}

/// `new` as a delta against `old`.
pub fn make_delta(old: &[u8], new: &[u8]) -> Result<Vec<u8>, DeltaError> {
    use zstd::zstd_safe::{CCtx, CParameter};
    check_size(old.len())?;
    check_size(new.len())?;
    let unusable = |code: usize| DeltaError::Unusable(zstd::zstd_safe::get_error_name(code).into());
    let mut context = CCtx::create();
    let window = window_log(old.len(), new.len());
    context
        .set_parameter(CParameter::CompressionLevel(19))
        .and_then(|_| context.set_parameter(CParameter::WindowLog(window)))
        .and_then(|_| context.set_parameter(CParameter::EnableLongDistanceMatching(true)))
        .and_then(|_| context.ref_prefix(old))
        .map_err(unusable)?;
    let mut out = Vec::with_capacity(zstd::zstd_safe::compress_bound(new.len()));
    context.compress2(&mut out, new).map_err(unusable)?;
    Ok(out)
}

/// The file `delta` rebuilds from `old`; `size` is the size the manifest gives (the
/// rebuilt file is never allowed past it).
pub fn apply_delta(old: &[u8], delta: &[u8], size: u64) -> Result<Vec<u8>, DeltaError> {
    use zstd::zstd_safe::{DCtx, DParameter};
    check_size(old.len())?;
    check_size(size as usize)?;
    let unusable = |code: usize| DeltaError::Unusable(zstd::zstd_safe::get_error_name(code).into());
    let mut context = DCtx::create();
    context
        .set_parameter(DParameter::WindowLogMax(window_log(
            old.len(),
            size as usize,
        )))
        .and_then(|_| context.ref_prefix(old))
        .map_err(unusable)?;
    let mut out = Vec::with_capacity(size as usize);
    context.decompress(&mut out, delta).map_err(unusable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of words, as content files are.
    fn text(words: usize, seed: u64) -> Vec<u8> {
        let mut state = seed;
        let mut out = String::new();
        for _ in 0..words {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            out.push_str(&format!("word{} ", state >> 52));
        }
        out.into_bytes()
    }

    #[test]
    fn a_small_change_travels_as_a_small_delta_that_rebuilds_the_file() -> Result<(), DeltaError> {
        let old = text(20_000, 1);
        let mut new = old.clone();
        // 1 % of the file changed, in one place.
        let at = new.len() / 2;
        let changed = new.len() / 100;
        new[at..at + changed].copy_from_slice(&text(changed, 2)[..changed]);
        let delta = make_delta(&old, &new)?;
        let whole =
            zstd::bulk::compress(&new, 19).map_err(|e| DeltaError::Unusable(e.to_string()))?;
        assert!(
            delta.len() * 10 < whole.len(),
            "delta {} bytes, the whole file compressed {} bytes",
            delta.len(),
            whole.len()
        );
        assert_eq!(apply_delta(&old, &delta, new.len() as u64)?, new);
        Ok(())
    }

    #[test]
    fn a_delta_applied_to_another_file_or_damaged_does_not_give_the_file() -> Result<(), DeltaError>
    {
        let old = text(5_000, 3);
        let mut new = old.clone();
        new.extend_from_slice(b"one more line\n");
        let delta = make_delta(&old, &new)?;
        // Against another base it either fails or makes other bytes (the hash check catches those).
        let other = text(5_000, 4);
        assert_ne!(
            apply_delta(&other, &delta, new.len() as u64).ok(),
            Some(new.clone())
        );
        let mut damaged = delta.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0x55;
        assert_ne!(
            apply_delta(&old, &damaged, new.len() as u64).ok(),
            Some(new.clone())
        );
        // Never more than the manifest's size.
        assert!(apply_delta(&old, &delta, new.len() as u64 - 1).is_err());
        let too_big = vec![0u8; MAX_DELTA_FILE_BYTES as usize + 1];
        assert_eq!(
            make_delta(&too_big, &new),
            Err(DeltaError::TooLarge(MAX_DELTA_FILE_BYTES + 1))
        );
        Ok(())
    }
}
