//! Terminal screens.

pub mod practice;
pub mod theme;
