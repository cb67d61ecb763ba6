//! The live call screen: its state ([`state`]), pure update ([`update`],
//! [`actions`]), key table ([`keys`]), layout ([`layout`]), drawing
//! ([`view`]), the summary's content ([`summary`]), the small forms
//! ([`form`]), masking on the way out ([`mask`]), the box shown when
//! quitting with notes saved nowhere ([`unsaved`]), the event loop ([`run`])
//! and its saver thread (`saver`).
//!
//! Imports run one way: `keys` ← `state` ← `form`/`summary`/`layout` ←
//! `update`/`actions` and ← `view`; update never imports the view and the
//! view never imports update.

mod actions;
pub mod checklist;
pub mod content;
mod cues;
pub mod form;
mod heard;
mod input;
pub mod keys;
pub mod layout;
mod line;
pub mod live;
pub mod mask;
mod record;
pub mod run;
mod saver;
pub mod speech;
mod start;
pub mod state;
pub mod summary;
#[cfg(test)]
pub(crate) mod test_support;
mod typing;
pub mod unsaved;
pub mod update;
pub mod view;

pub use state::{App, Effect, History, Msg, Overlay, Screen, Setup};
pub use update::{detect_all_cues, update};
pub use view::{draw, draw_changed};
