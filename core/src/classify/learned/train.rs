//! Learning the weights: multinomial logistic regression, AdaGrad, L2.

use super::{Features, MoveWeights};
use crate::scenario::Move;
use std::collections::BTreeMap;

/// How to train.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Training {
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad's step size.
    pub rate: f32,
    /// L2 penalty per example.
    pub l2: f32,
    /// Features seen in fewer replies are left out.
    pub min_count: usize,
    /// Weights smaller than this (in absolute value) are not shipped.
    pub prune: f32,
}

impl Default for Training {
    fn default() -> Self {
        Training {
            epochs: 30,
            rate: 0.3,
            l2: 0.002,
            min_count: 2,
            prune: 0.05,
        }
    }
}

/// Learns weights from replies' features and their moves.
pub fn train(items: &[(Features, Move)], cfg: Training) -> BTreeMap<Move, MoveWeights> {
    let moves: Vec<Move> = Move::ALL
        .into_iter()
        .filter(|m| items.iter().any(|(_, g)| g == m))
        .collect();
    let k = moves.len();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (f, _) in items {
        for name in f.keys() {
            *seen.entry(name.as_str()).or_insert(0) += 1;
        }
    }
    let index: BTreeMap<&str, usize> = seen
        .iter()
        .filter(|(_, n)| **n >= cfg.min_count)
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();
    let rows: Vec<(Vec<(usize, f32)>, usize)> = items
        .iter()
        .filter_map(|(f, g)| {
            let y = moves.iter().position(|m| m == g)?;
            let x = f
                .iter()
                .filter_map(|(name, (v, _))| index.get(name.as_str()).map(|i| (*i, *v)))
                .collect();
            Some((x, y))
        })
        .collect();
    let n_feat = index.len();
    let mut w = vec![0.0f32; n_feat * k];
    let mut gw = vec![1e-6f32; n_feat * k];
    let mut b = vec![0.0f32; k];
    let mut gb = vec![1e-6f32; k];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut p = vec![0.0f32; k];
    for _ in 0..cfg.epochs {
        // A fixed shuffle (xorshift), the same on every machine.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let j = (seed % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &r in &order {
            let (x, y) = &rows[r];
            for (c, pc) in p.iter_mut().enumerate() {
                *pc = b[c] + x.iter().map(|(i, v)| w[i * k + c] * v).sum::<f32>();
            }
            let max = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut total = 0.0;
            for pc in p.iter_mut() {
                *pc = (*pc - max).exp();
                total += *pc;
            }
            for (c, pc) in p.iter().enumerate() {
                let err = pc / total - if c == *y { 1.0 } else { 0.0 };
                gb[c] += err * err;
                b[c] -= cfg.rate * err / gb[c].sqrt();
                for (i, v) in x {
                    let at = i * k + c;
                    let g = err * v + cfg.l2 * w[at];
                    gw[at] += g * g;
                    w[at] -= cfg.rate * g / gw[at].sqrt();
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (c, m) in moves.iter().enumerate() {
        let mut words = BTreeMap::new();
        for (name, i) in &index {
            let x = w[i * k + c];
            if x.abs() >= cfg.prune {
                words.insert((*name).to_owned(), round2(x));
            }
        }
        out.insert(
            *m,
            MoveWeights {
                bias: round2(b[c]),
                words,
            },
        );
    }
    out
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}
