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
        let suppressed = suppressed_rows(tables, &hidden);
        let known = known_cells(tables, &suppressed);
        let determined = determined_cells(tables, &known);
        let disclosed: Vec<usize> = determined
            .into_iter()
            .filter(|&c| tables.small(c, k) || hidden.contains(&c))
            .collect();
        if disclosed.is_empty() {
            return suppressed;
        }
        let mut changed = false;
        for cell in disclosed {
            if let Some(complement) = complement_for(tables, cell, &known, &hidden, &by_cell) {
                changed |= hidden.insert(complement);
            }
        }
        if !changed {
            // Nothing left to hide near the disclosed cells: hide every shown cell in their
            // constraints (cannot loop: each round hides more, and cells are finite).
            let before = hidden.len();
            for (c, is_known) in known.iter().enumerate() {
                if *is_known && !tables.public[c] {
                    hidden.insert(c);
                }
            }
            if hidden.len() == before {
                return suppressed_rows(tables, &hidden);
            }
        }
    }
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

const EPSILON: f64 = 1e-9;

/// Unknown cells whose value follows exactly from the known ones and the constraints.
pub fn determined_cells(tables: &Tables, known: &[bool]) -> Vec<usize> {
    // Equations over unknown cells only; group them into independent components.
    let equations: Vec<Vec<(usize, f64)>> = tables
        .constraints
        .iter()
        .map(|constraint| {
            constraint
                .iter()
                .filter(|(cell, _)| !known[*cell])
                .copied()
                .collect::<Vec<_>>()
        })
        .filter(|equation| !equation.is_empty())
        .collect();
    let mut parent: HashMap<usize, usize> = HashMap::new();
    fn find(parent: &mut HashMap<usize, usize>, x: usize) -> usize {
        let p = *parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let root = find(parent, p);
        parent.insert(x, root);
        root
    }
    for equation in &equations {
        let first = equation[0].0;
        for &(cell, _) in &equation[1..] {
            let (a, b) = (find(&mut parent, first), find(&mut parent, cell));
            if a != b {
                parent.insert(a, b);
            }
        }
        find(&mut parent, first);
    }
    let mut components: HashMap<usize, Vec<Vec<(usize, f64)>>> = HashMap::new();
    for equation in equations {
        let root = find(&mut parent, equation[0].0);
        components.entry(root).or_default().push(equation);
    }
    let mut determined: Vec<usize> = components
        .values()
        .flat_map(|equations| solve_component(equations))
        .collect();
    determined.sort_unstable();
    determined.dedup();
    determined
}

/// Row-reduces one component's equations; a cell is determined when a reduced row has it as
/// its only unknown.
fn solve_component(equations: &[Vec<(usize, f64)>]) -> Vec<usize> {
    let mut columns: Vec<usize> = equations.iter().flatten().map(|(c, _)| *c).collect();
    columns.sort_unstable();
    columns.dedup();
    let column_of: HashMap<usize, usize> =
        columns.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    let width = columns.len();
    let mut matrix: Vec<Vec<f64>> = equations
        .iter()
        .map(|equation| {
            let mut row = vec![0.0; width];
            for &(cell, coefficient) in equation {
                row[column_of[&cell]] += coefficient;
            }
            row
        })
        .collect();
    let mut pivot_row = 0;
    for column in 0..width {
        if pivot_row == matrix.len() {
            break;
        }
        let Some(best) = (pivot_row..matrix.len())
            .filter(|&r| matrix[r][column].abs() > EPSILON)
            .max_by(|&a, &b| {
                matrix[a][column]
                    .abs()
                    .partial_cmp(&matrix[b][column].abs())
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
        else {
            continue;
        };
        matrix.swap(pivot_row, best);
        let pivot = matrix[pivot_row][column];
        for value in &mut matrix[pivot_row] {
            *value /= pivot;
        }
        let pivot_values = matrix[pivot_row].clone();
        for (r, row) in matrix.iter_mut().enumerate() {
            if r != pivot_row {
                let factor = row[column];
                if factor.abs() > EPSILON {
                    for (value, p) in row.iter_mut().zip(&pivot_values) {
                        *value -= factor * p;
                    }
                }
            }
        }
        pivot_row += 1;
    }
    matrix
        .iter()
        .filter_map(|row| {
            let mut nonzero = row.iter().enumerate().filter(|(_, v)| v.abs() > EPSILON);
            match (nonzero.next(), nonzero.next()) {
                (Some((column, _)), None) => Some(columns[column]),
                _ => None,
            }
        })
        .collect()
}
