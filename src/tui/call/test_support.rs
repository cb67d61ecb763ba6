//! A call screen for unit tests: the settings and a call's meta that most
//! tests share (each test changes what it needs).

use super::state::Setup;
use crate::engine::CallMeta;
use crate::playbook::{Channel, Language, Playbook};
use crate::tui::theme::Theme;

/// Settings with `playbook` in `lang`: no agent, no store, no history, UTC.
pub fn setup(playbook: Playbook, lang: Language, theme: Theme) -> Setup {
    Setup {
        playbook,
        playbook_file: None,
        lang,
        agent: None,
        persistent: false,
        history: None,
        utc_offset_secs: 0,
        theme,
    }
}

/// A phone call with customer K-1 on version `version` of `playbook_id`.
pub fn meta(playbook_id: &str, version: &str) -> CallMeta {
    CallMeta {
        playbook_id: playbook_id.into(),
        playbook_version: version.into(),
        playbook_hash: None,
        customer: Some("K-1".into()),
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    }
}
