//! Disparity of reach across every neighbourhood, those whose reach is hidden included, and
//! the check that decides whether it may be published.
//!
//! The Gini and the quintile ratio are computed from exact values, so the worst-reached
//! neighbourhoods (often the ones whose small counts are hidden) weigh in. Published exactly,
//! either would be one more equation in the hidden counts. So they are rounded to
//! [`STEP`] and published only when the rounded figure is the same whatever each hidden
//! neighbourhood's count is within K − 1 of its true value, all at once: the bounds of the
//! figure over that box of counts are worked out, and must round alike. A figure that passes
//! rules out no combination of hidden counts in the box, so it tells a reader nothing about
//! them that the tables do not. Pure: no I/O.

use std::cmp::Ordering;

/// Published disparity figures are rounded to this step.
pub const STEP: f64 = 0.01;

/// One neighbourhood's reach as the disparity sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reach {
    /// The exact value.
    pub value: f64,
    /// The lowest value a reader must not be able to rule out (the value itself if shown).
    pub low: f64,
    /// The highest such value.
    pub high: f64,
    /// Residents (the weight).
    pub weight: f64,
}

impl Reach {
    /// A neighbourhood whose reach is published.
    pub fn shown(value: f64, weight: f64) -> Reach {
        Reach {
            value,
            low: value,
            high: value,
            weight,
        }
    }

    /// A neighbourhood whose reach is hidden: `count` visits, each worth `per_count` of
    /// reach, protected within `spread` counts either way (never below zero).
    pub fn hidden(count: f64, per_count: f64, spread: f64, weight: f64) -> Reach {
        Reach {
            value: count * per_count,
            low: (count - spread).max(0.0) * per_count,
            high: (count + spread) * per_count,
            weight,
        }
    }
}

/// A disparity figure: its rounded value, and whether it may be published.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// Rounded to [`STEP`]; `None` when undefined (fewer than two neighbourhoods, no reach).
    pub value: Option<f64>,
    /// The rounded value would tell something about a hidden count: analysts only.
    pub hidden: bool,
}

/// The population-weighted Gini of reach over `places`, with its publication check.
pub fn gini(places: &[Reach]) -> Figure {
    let exact = weighted_gini(&pairs(places, |r| r.value));
    figure(exact, gini_bounds(places))
}

/// The bottom-to-top quintile ratio of reach over `places`, with its publication check.
pub fn quintile(places: &[Reach]) -> Figure {
    let exact = quintile_ratio(&pairs(places, |r| r.value));
    // Both fifths' means only grow when any value grows, so the ratio lies between the
    // lowest bottom over the highest top and the highest bottom over the lowest top.
    let at_low = fifth_means(&pairs(places, |r| r.low));
    let at_high = fifth_means(&pairs(places, |r| r.high));
    let bounds = match (at_low, at_high) {
        (Some((bottom_low, top_low)), Some((bottom_high, top_high))) if top_low > 0.0 => {
            Some((bottom_low / top_high, bottom_high / top_low))
        }
        _ => None,
    };
    figure(exact, bounds)
}

fn figure(exact: Option<f64>, bounds: Option<(f64, f64)>) -> Figure {
    let Some(exact) = exact else {
        // Undefined for every reader: nothing to hide.
        return Figure {
            value: None,
            hidden: false,
        };
    };
    let value = round(exact);
    let safe = bounds.is_some_and(|(low, high)| round(low) == value && round(high) == value);
    Figure {
        value: Some(value),
        hidden: !safe,
    }
}

/// `value` to the nearest [`STEP`].
pub fn round(value: f64) -> f64 {
    let steps = (value / STEP).round();
    // Never −0.
    (steps * STEP) + 0.0
}

fn pairs(places: &[Reach], pick: impl Fn(&Reach) -> f64) -> Vec<(f64, f64)> {
    places.iter().map(|r| (pick(r), r.weight)).collect()
}

/// Bounds of the Gini over every combination of values within each place's range: the
/// spread Σ wᵢwⱼ|xᵢ − xⱼ| and the mean are bounded term by term.
fn gini_bounds(places: &[Reach]) -> Option<(f64, f64)> {
    let total: f64 = places.iter().map(|r| r.weight).sum();
    if places.len() < 2 || total <= 0.0 {
        return None;
    }
    let mean_low = places.iter().map(|r| r.low * r.weight).sum::<f64>() / total;
    let mean_high = places.iter().map(|r| r.high * r.weight).sum::<f64>() / total;
    if mean_high <= 0.0 {
        // Every value is zero whatever the hidden ones are: the Gini is 0.
        return Some((0.0, 0.0));
    }
    if mean_low <= 0.0 {
        return None;
    }
    let (mut spread_low, mut spread_high) = (0.0, 0.0);
    for a in places {
        for b in places {
            let weight = a.weight * b.weight;
            spread_low += weight * (a.low - b.high).max(b.low - a.high).max(0.0);
            spread_high += weight * (a.high - b.low).max(b.high - a.low);
        }
    }
    let scale = 2.0 * total * total;
    Some((
        spread_low / (scale * mean_high),
        (spread_high / (scale * mean_low)).min(1.0),
    ))
}

/// Population-weighted Gini coefficient of (value, weight) pairs.
pub fn weighted_gini(values: &[(f64, f64)]) -> Option<f64> {
    let total: f64 = values.iter().map(|(_, w)| w).sum();
    if values.len() < 2 || total <= 0.0 {
        return None;
    }
    let mean = values.iter().map(|(v, w)| v * w).sum::<f64>() / total;
    if mean <= 0.0 {
        return Some(0.0);
    }
    let mut spread = 0.0;
    for (xi, wi) in values {
        for (xj, wj) in values {
            spread += wi * wj * (xi - xj).abs();
        }
    }
    Some(spread / (2.0 * total * total * mean))
}

/// Mean value of the lowest-valued fifth of the population over that of the highest fifth
/// (a neighbourhood straddling the 20% line counts with the part of its population inside).
pub fn quintile_ratio(values: &[(f64, f64)]) -> Option<f64> {
    let (bottom, top) = fifth_means(values)?;
    (top > 0.0).then(|| bottom / top)
}

/// The mean value of the lowest fifth of the population and of the highest fifth.
fn fifth_means(values: &[(f64, f64)]) -> Option<(f64, f64)> {
    let mut sorted: Vec<(f64, f64)> = values.to_vec();
    sorted.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal));
    let total: f64 = sorted.iter().map(|(_, w)| w).sum();
    if sorted.len() < 2 || total <= 0.0 {
        return None;
    }
    let fifth_mean = |iter: &mut dyn Iterator<Item = &(f64, f64)>| {
        let (mut weight, mut sum) = (0.0, 0.0);
        for (value, w) in iter {
            let take = w.min(total / 5.0 - weight);
            if take <= 0.0 {
                break;
            }
            weight += take;
            sum += value * take;
        }
        sum / weight
    };
    let bottom = fifth_mean(&mut sorted.iter());
    let top = fifth_mean(&mut sorted.iter().rev());
    Some((bottom, top))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_nothing_hidden_the_figures_are_published_rounded() {
        let places = [Reach::shown(20.0, 10_000.0), Reach::shown(10.0, 5_000.0)];
        let gini = gini(&places);
        assert!(!gini.hidden);
        // mean 50/3; Σ wᵢwⱼ|xᵢ − xⱼ| = 2 × 10 × 5e7 = 1e9; 1e9 / (2 × 15,000² × 50/3) = 0.1333.
        assert_eq!(gini.value, Some(0.13));
        let quintile = quintile(&places);
        assert_eq!(quintile.value, Some(0.5));
        assert!(!quintile.hidden);
    }

    #[test]
    fn a_hidden_place_that_moves_the_figure_hides_it_and_one_that_cannot_does_not() {
        let shown: Vec<Reach> = (1..=8)
            .map(|i| Reach::shown(100.0 + 10.0 * f64::from(i), 10_000.0))
            .collect();
        // A large neighbourhood with 5 visits (0.5 per 1,000): anywhere from 0 to 14
        // visits moves the Gini by more than a rounding step.
        let mut with_big = shown.clone();
        with_big.push(Reach::hidden(5.0, 0.1, 9.0, 50_000.0));
        assert!(gini(&with_big).hidden);
        // A place of 10 residents cannot move it a step, whatever its count.
        let mut with_tiny = shown.clone();
        with_tiny.push(Reach::hidden(5.0, 5.0, 9.0, 10.0));
        let figure = gini(&with_tiny);
        assert!(!figure.hidden, "{figure:?}");
        // The published value then reads the same for every count of the hidden place in its
        // range, checked one count at a time.
        for count in 0..=14 {
            let mut moved = with_tiny.clone();
            if let Some(last) = moved.last_mut() {
                last.value = f64::from(count) * 5.0;
            }
            assert_eq!(gini(&moved).value, figure.value, "count {count}");
        }
    }

    #[test]
    fn the_bounds_hold_every_value_in_the_box() {
        // A grid over two hidden places: every Gini and ratio lies within the bounds.
        let mut places = vec![
            Reach::shown(30.0, 4_000.0),
            Reach::shown(80.0, 9_000.0),
            Reach::hidden(4.0, 1.0, 9.0, 3_000.0),
            Reach::hidden(20.0, 0.5, 9.0, 6_000.0),
        ];
        let (g_low, g_high) = gini_bounds(&places).unwrap_or((f64::NAN, f64::NAN));
        let at_low = fifth_means(&pairs(&places, |r| r.low)).unwrap_or((f64::NAN, 1.0));
        let at_high = fifth_means(&pairs(&places, |r| r.high)).unwrap_or((f64::NAN, 1.0));
        let (q_low, q_high) = (at_low.0 / at_high.1, at_high.0 / at_low.1);
        for a in 0..=13 {
            for b in 11..=29 {
                places[2].value = f64::from(a);
                places[3].value = f64::from(b) * 0.5;
                let values = pairs(&places, |r| r.value);
                let g = weighted_gini(&values).unwrap_or(f64::NAN);
                assert!(
                    g >= g_low - 1e-12 && g <= g_high + 1e-12,
                    "gini {g} at {a}, {b}"
                );
                let q = quintile_ratio(&values).unwrap_or(f64::NAN);
                assert!(
                    q >= q_low - 1e-12 && q <= q_high + 1e-12,
                    "ratio {q} at {a}, {b}"
                );
            }
        }
    }

    #[test]
    fn rounding_never_gives_minus_zero() {
        assert!(round(-0.001).is_sign_positive());
        assert_eq!(round(0.126), 0.13);
    }
}
