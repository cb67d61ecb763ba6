//! The playbook's parts for the live transcript feed: flare-up cues and
//! whether the transcript is kept with the call.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Flare-up cues for the live transcript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlareUp {
    /// Cue phrases: when the customer says one (whole words, ignoring case
    /// and accents), the coach suggests escalating.
    pub cues: Vec<String>,
    /// Id of the source it comes from.
    pub source: String,
}

/// What happens to a call's live transcript.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranscriptPolicy {
    /// Keep the final lines of the live transcript with the call (redacted
    /// like notes; in `calls show` and the exports; erased with the call).
    /// `false` keeps only what speech caused (ticks, phrases used). An
    /// agent's settings file `transcript: {store: …}` wins over this.
    pub store: bool,
}
