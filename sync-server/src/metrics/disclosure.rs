//! Small-cell suppression with secondary suppression, as a pure function over a set of
//! published tables.
//!
//! The tables are given as *cells* (every count involved, published or not, each with its true
//! value), linear *constraints* between them (`total − Σ parts = 0`: a city total and its
//! neighbourhoods, a visit count and its split by language, a derived numerator and the counts
//! it adds up) and *rows* (the published figures, each showing some cells). A count from 1 to
//! k − 1 is small. Every row showing a small count is suppressed (primary suppression). Then,
//! while any small count or hidden cell can be worked out exactly from what is still shown
//! (a cell is determined when it follows from the constraints, by any combination of them:
//! Gaussian elimination over the unknown cells), one more shown cell in a constraint with it
//! is hidden, the smallest first (secondary suppression). What is left cannot be used to
//! recover any small count, from a total, a difference between tables, or any other linear
//! combination of what is published; nor can any other hidden figure.

use std::collections::{BTreeSet, HashMap};

/// The tables to protect.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// Each cell's true value.
    pub values: Vec<f64>,
    /// Cells that are public anyway and never need protecting (populations, minutes).
    pub public: Vec<bool>,
    /// How much each cell is worth keeping shown (0: a breakdown; higher: a figure the index
    /// or a headline needs). Secondary suppression hides the least worth first.
    pub keep: Vec<u8>,
    /// Linear relations: Σ coefficient × cell = 0.
    pub constraints: Vec<Vec<(usize, f64)>>,
    /// The cells each published row shows.
    pub rows: Vec<Vec<usize>>,
}

impl Tables {
    /// Adds a cell and returns its index.
    pub fn cell(&mut self, value: f64, public: bool) -> usize {
        self.values.push(value);
        self.public.push(public);
        self.keep.push(0);
        self.values.len() - 1
    }

    /// Marks a cell as worth keeping shown (see [`Tables::keep`]).
    pub fn prefer_shown(&mut self, cell: usize, worth: u8) {
        self.keep[cell] = worth;
    }

    /// Adds `total = Σ parts`.
    pub fn sum(&mut self, total: usize, parts: &[usize]) {
        let mut constraint = vec![(total, 1.0)];
        constraint.extend(parts.iter().map(|&part| (part, -1.0)));
        self.constraints.push(constraint);
    }

    /// Adds a row showing `cells` and returns its index.
    pub fn row(&mut self, cells: Vec<usize>) -> usize {
        self.rows.push(cells);
        self.rows.len() - 1
    }

    fn small(&self, cell: usize, k: f64) -> bool {
        !self.public[cell] && self.values[cell] >= 0.5 && self.values[cell] < k - 0.5
    }
}

/// Which rows must be suppressed so that no count below `k` (other than zero) is shown, and
/// neither such a count nor any hidden cell can be derived from what is shown.
pub fn protect(tables: &Tables, k: u32) -> Vec<bool> {
    // Without a budget nothing interrupts it; the fallback hides every row.
    protect_within(tables, k, &Budget::unlimited())
        .unwrap_or_else(|_| vec![true; tables.rows.len()])
}

/// [`protect`], giving up when the budget runs out.
pub fn protect_within(
    tables: &Tables,
    k: u32,
    budget: &Budget<'_>,
) -> Result<Vec<bool>, Interrupted> {
    let k = f64::from(k);
    let cells = tables.values.len();
    let mut hidden: BTreeSet<usize> = (0..cells).filter(|&c| tables.small(c, k)).collect();
    let mut by_cell: Vec<Vec<usize>> = vec![Vec::new(); cells];
    for (index, constraint) in tables.constraints.iter().enumerate() {
        for &(cell, _) in constraint {
            by_cell[cell].push(index);
        }
    }
    loop {
        budget.check()?;
        let suppressed = suppressed_rows(tables, &hidden);
        let known = known_cells(tables, &suppressed);
        let determined = determined_within(tables, &known, budget)?;
        let disclosed: Vec<usize> = determined
            .into_iter()
            .filter(|&c| tables.small(c, k) || hidden.contains(&c))
            .collect();
        if disclosed.is_empty() {
            return Ok(suppressed);
        }
        let mut changed = false;
        for &cell in &disclosed {
            if let Some(complement) = complement_for(tables, cell, &known, &hidden, &by_cell) {
                changed |= hidden.insert(complement);
            }
        }
        if !changed {
            // Nothing near the disclosed cells is left to hide one by one: hide every shown
            // cell linked to them by any chain of constraints. Each such round hides more,
            // and cells are finite, so this ends.
            let before = hidden.len();
            for cell in linked_cells(tables, &disclosed, &by_cell) {
                if known[cell] && !tables.public[cell] {
                    hidden.insert(cell);
                }
            }
            if hidden.len() == before {
                // What is left follows from public figures alone: nothing can hide it.
                return Ok(suppressed_rows(tables, &hidden));
            }
        }
    }
}

/// Every cell joined to `start` through constraints (breadth first, no recursion).
fn linked_cells(tables: &Tables, start: &[usize], by_cell: &[Vec<usize>]) -> Vec<usize> {
    let mut seen = vec![false; tables.values.len()];
    let mut queue: std::collections::VecDeque<usize> = start.iter().copied().collect();
    for &cell in start {
        seen[cell] = true;
    }
    let mut linked = Vec::new();
    while let Some(cell) = queue.pop_front() {
        linked.push(cell);
        for &constraint in &by_cell[cell] {
            for &(other, _) in &tables.constraints[constraint] {
                if !seen[other] {
                    seen[other] = true;
                    queue.push_back(other);
                }
            }
        }
    }
    linked
}

fn suppressed_rows(tables: &Tables, hidden: &BTreeSet<usize>) -> Vec<bool> {
    tables
        .rows
        .iter()
        .map(|row| row.iter().any(|cell| hidden.contains(cell)))
        .collect()
}

/// Cells an outsider knows: public ones and those shown by a row that is not suppressed.
pub fn known_cells(tables: &Tables, suppressed: &[bool]) -> Vec<bool> {
    let mut known = tables.public.clone();
    for (row, cells) in tables.rows.iter().enumerate() {
        if !suppressed[row] {
            for &cell in cells {
                known[cell] = true;
            }
        }
    }
    known
}

/// The shown cell to hide next for a disclosed `cell`: among the shown, non-public cells
/// sharing a constraint with it, the one least worth keeping, then non-zero, then the
/// smallest; looking further out if none does.
fn complement_for(
    tables: &Tables,
    cell: usize,
    known: &[bool],
    hidden: &BTreeSet<usize>,
    by_cell: &[Vec<usize>],
) -> Option<usize> {
    let mut frontier = vec![cell];
    let mut seen: BTreeSet<usize> = [cell].into();
    for _ in 0..4 {
        let mut candidates = Vec::new();
        let mut next = Vec::new();
        for &c in &frontier {
            for &constraint in &by_cell[c] {
                for &(other, _) in &tables.constraints[constraint] {
                    if seen.insert(other) {
                        next.push(other);
                        if known[other] && !tables.public[other] && !hidden.contains(&other) {
                            candidates.push(other);
                        }
                    }
                }
            }
        }
        let best = candidates.into_iter().min_by(|&a, &b| {
            let key = |c: usize| (tables.keep[c], tables.values[c] < 0.5, tables.values[c]);
            key(a)
                .partial_cmp(&key(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        if best.is_some() {
            return best;
        }
        frontier = next;
    }
    None
}

/// How long, at most, suppression may run, and a flag that stops it early (server
/// shutdown). Checked between rounds and every few thousand steps of elimination.
#[derive(Debug, Clone, Copy, Default)]
pub struct Budget<'a> {
    /// When to give up.
    pub deadline: Option<std::time::Instant>,
    /// Set to stop at once.
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// Why suppression stopped before it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Interrupted {
    /// It ran past its deadline.
    #[error("working out which figures to hide took longer than allowed")]
    TimedOut,
    /// It was asked to stop (the server is shutting down).
    #[error("working out which figures to hide was cancelled")]
    Cancelled,
}

impl Budget<'_> {
    /// No deadline, no cancel flag.
    pub fn unlimited() -> Budget<'static> {
        Budget::default()
    }

    fn check(&self) -> Result<(), Interrupted> {
        if self
            .cancel
            .is_some_and(|flag| flag.load(std::sync::atomic::Ordering::Relaxed))
        {
            return Err(Interrupted::Cancelled);
        }
        if self
            .deadline
            .is_some_and(|deadline| std::time::Instant::now() >= deadline)
        {
            return Err(Interrupted::TimedOut);
        }
        Ok(())
    }
}

/// Unknown cells whose value follows exactly from the known ones and the constraints.
pub fn determined_cells(tables: &Tables, known: &[bool]) -> Vec<usize> {
    // Without a budget nothing interrupts the solver.
    determined_within(tables, known, &Budget::unlimited()).unwrap_or_default()
}

/// [`determined_cells`], giving up when the budget runs out.
///
/// A cell is determined exactly when every solution of the homogeneous system (the
/// constraints over the unknown cells) is zero at that cell. The system is row-reduced with
/// exact arithmetic modulo the prime 2⁶¹ − 1 (sparse, rows in order of length, so each
/// neighbourhood's own equations are eliminated before the city totals that join them), then
/// two random solutions are drawn by back substitution: a cell that is zero in both is
/// determined, and one that is not determined is zero in both with probability 2⁻¹²².
/// The coefficients are small integers, so working modulo so large a prime finds every
/// dependency the rationals have (a dependency is missed only if the prime divides a minor
/// of the matrix, which for these sums of ±1 does not happen). Time and memory grow with
/// the non-zero entries, not with the square of the cells; nothing recurses.
pub fn determined_within(
    tables: &Tables,
    known: &[bool],
    budget: &Budget<'_>,
) -> Result<Vec<usize>, Interrupted> {
    // Columns: the unknown cells that appear in some constraint.
    let mut column_of: HashMap<usize, u32> = HashMap::new();
    let mut cells: Vec<usize> = Vec::new();
    let mut rows: Vec<Vec<(u32, u64)>> = Vec::new();
    for constraint in &tables.constraints {
        let mut row: Vec<(u32, u64)> = Vec::with_capacity(constraint.len());
        for &(cell, coefficient) in constraint {
            if known[cell] {
                continue;
            }
            let column = *column_of.entry(cell).or_insert_with(|| {
                cells.push(cell);
                (cells.len() - 1) as u32
            });
            row.push((column, field::from_f64(coefficient)));
        }
        let row = field::tidy(row);
        if !row.is_empty() {
            rows.push(row);
        }
    }
    rows.sort_by_key(Vec::len);
    let width = cells.len();
    let echelon = field::Echelon::reduce(rows, width, budget)?;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64 ^ width as u64;
    let first = echelon.random_solution(&mut seed);
    let second = echelon.random_solution(&mut seed);
    let mut determined: Vec<usize> = (0..width)
        .filter(|&column| first[column] == 0 && second[column] == 0)
        .map(|column| cells[column])
        .collect();
    determined.sort_unstable();
    Ok(determined)
}

/// Exact sparse linear algebra modulo the Mersenne prime 2⁶¹ − 1.
mod field {
    use super::{Budget, Interrupted};

    /// The modulus.
    pub const P: u64 = (1 << 61) - 1;

    pub fn add(a: u64, b: u64) -> u64 {
        let sum = a + b;
        if sum >= P { sum - P } else { sum }
    }

    pub fn neg(a: u64) -> u64 {
        if a == 0 { 0 } else { P - a }
    }

    pub fn mul(a: u64, b: u64) -> u64 {
        let product = u128::from(a) * u128::from(b);
        // 2⁶¹ ≡ 1 (mod P): fold the high bits onto the low ones.
        let folded = (product & u128::from(P)) + (product >> 61);
        let folded = folded as u64;
        if folded >= P { folded - P } else { folded }
    }

    pub fn inverse(a: u64) -> u64 {
        // Fermat: a^(P−2).
        let (mut base, mut exponent, mut result) = (a, P - 2, 1u64);
        while exponent > 0 {
            if exponent & 1 == 1 {
                result = mul(result, base);
            }
            base = mul(base, base);
            exponent >>= 1;
        }
        result
    }

    /// An integral coefficient (the constraints hold ±1 and small integers) in the field.
    pub fn from_f64(value: f64) -> u64 {
        let integer = value.round() as i64;
        let magnitude = (integer.unsigned_abs()) % P;
        if integer < 0 {
            neg(magnitude)
        } else {
            magnitude
        }
    }

    /// Sorted by column, repeated columns merged, zeros dropped.
    pub fn tidy(mut row: Vec<(u32, u64)>) -> Vec<(u32, u64)> {
        row.sort_unstable_by_key(|&(column, _)| column);
        let mut tidy: Vec<(u32, u64)> = Vec::with_capacity(row.len());
        for (column, value) in row {
            match tidy.last_mut() {
                Some((last, sum)) if *last == column => *sum = add(*sum, value),
                _ => tidy.push((column, value)),
            }
        }
        tidy.retain(|&(_, value)| value != 0);
        tidy
    }

    /// Rows in echelon form: each has its pivot (coefficient 1) at its smallest column.
    pub struct Echelon {
        width: usize,
        /// Pivot rows, in the order they were found.
        rows: Vec<Vec<(u32, u64)>>,
        /// For each column, the pivot row that starts there.
        pivot_of: Vec<Option<u32>>,
    }

    /// Work between two budget checks.
    const CHECK_EVERY: u64 = 1 << 16;

    impl Echelon {
        /// Reduces `rows` (each sorted by column) over `width` columns.
        pub fn reduce(
            rows: Vec<Vec<(u32, u64)>>,
            width: usize,
            budget: &Budget<'_>,
        ) -> Result<Echelon, Interrupted> {
            let mut echelon = Echelon {
                width,
                rows: Vec::new(),
                pivot_of: vec![None; width],
            };
            // The row being reduced, densely, and the columns it may be non-zero in.
            let mut dense = vec![0u64; width];
            let mut pending: std::collections::BinaryHeap<std::cmp::Reverse<u32>> =
                std::collections::BinaryHeap::new();
            let mut work = 0u64;
            budget.check()?;
            for row in rows {
                for &(column, value) in &row {
                    dense[column as usize] = value;
                    pending.push(std::cmp::Reverse(column));
                }
                let mut reduced: Vec<(u32, u64)> = Vec::new();
                let mut last: Option<u32> = None;
                while let Some(std::cmp::Reverse(column)) = pending.pop() {
                    if last == Some(column) {
                        continue;
                    }
                    last = Some(column);
                    let value = std::mem::take(&mut dense[column as usize]);
                    if value == 0 {
                        continue;
                    }
                    match echelon.pivot_of[column as usize] {
                        Some(pivot) => {
                            // Subtract value × the pivot row (which is 1 at this column and
                            // otherwise only right of it).
                            let factor = neg(value);
                            for &(other, coefficient) in &echelon.rows[pivot as usize][1..] {
                                let slot = &mut dense[other as usize];
                                if *slot == 0 {
                                    pending.push(std::cmp::Reverse(other));
                                }
                                *slot = add(*slot, mul(factor, coefficient));
                            }
                            work += echelon.rows[pivot as usize].len() as u64;
                            if work >= CHECK_EVERY {
                                work = 0;
                                budget.check()?;
                            }
                        }
                        None => reduced.push((column, value)),
                    }
                }
                let Some(&(lead, lead_value)) = reduced.first() else {
                    continue;
                };
                let scale = inverse(lead_value);
                for (_, value) in &mut reduced {
                    *value = mul(*value, scale);
                }
                echelon.pivot_of[lead as usize] = Some(echelon.rows.len() as u32);
                echelon.rows.push(reduced);
            }
            Ok(echelon)
        }

        /// A random solution of the homogeneous system: random values in the free columns,
        /// the pivot columns solved from the right.
        pub fn random_solution(&self, seed: &mut u64) -> Vec<u64> {
            let mut solution = vec![0u64; self.width];
            for (column, value) in solution.iter_mut().enumerate() {
                if self.pivot_of[column].is_none() {
                    *value = 1 + next_random(seed) % (P - 1);
                }
            }
            for column in (0..self.width).rev() {
                let Some(pivot) = self.pivot_of[column] else {
                    continue;
                };
                let mut sum = 0u64;
                for &(other, coefficient) in &self.rows[pivot as usize][1..] {
                    sum = add(sum, mul(coefficient, solution[other as usize]));
                }
                solution[column] = neg(sum);
            }
            solution
        }
    }

    /// SplitMix64: a fixed sequence, so the same tables always get the same answer.
    fn next_random(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
