//! The resume chooser's key table ([`keys`]): shown before the call screen
//! when an unfinished call exists (the card itself is printed by
//! `commands::call::chooser`). It takes only the keys it shows, and none
//! of them types text.

pub mod keys;
