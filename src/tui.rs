//! The terminal screens, one folder each: the live call ([`call`]), the
//! practice screen ([`practice`]), the scenario picker ([`picker`]) and the
//! resume chooser's keys ([`chooser`]).
//! Each owns its state, its pure update, its key table and its view; they
//! share the key-table machinery ([`keymap`]), drawing helpers
//! ([`widgets`]), styles ([`theme`]) and one terminal session ([`term`]).

pub mod call;
pub mod chooser;
pub mod editor;
pub mod keymap;
pub mod live;
pub mod memo;
pub mod pane_cache;
pub mod picker;
pub mod plain;
pub mod practice;
pub mod term;
pub mod theme;
pub mod widgets;
