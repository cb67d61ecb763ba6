//! The live call screen: state and pure update ([`app`]), the key table
//! ([`keys`]), drawing ([`ui`], [`screens`]), styles ([`theme`]) and the
//! event loop ([`run`]) that feeds it input, signals and file changes.

pub mod app;
pub mod form;
pub mod keys;
pub mod practice;
pub mod run;
pub mod safety;
pub mod screens;
pub mod summary_view;
pub mod theme;
pub mod ui;
