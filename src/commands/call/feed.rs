//! The call's live transcript settings: which sources to read (flags, else
//! the settings file's `transcript:` section) and whether the transcript
//! is stored with the call (settings file, else the playbook; default not).

use crate::cli::{CallArgs, SpeakerArg, TranscriptFormatArg};
use crate::config::TranscriptConfig;
use crate::playbook::Playbook;
use crate::transcript::{Format, SourceSpec, Speaker};

/// Fills the transcript options the command line left out from the
/// settings file: its `source` when no `--transcript` was given, its
/// `format` when no `--transcript-format` was, and `store`. Flags win.
pub fn apply_config(args: &mut CallArgs, file: Option<&TranscriptConfig>) {
    let Some(file) = file else {
        return;
    };
    if args.transcript.is_empty()
        && let Some(src) = file.source.as_deref().filter(|s| !s.trim().is_empty())
    {
        args.transcript.push(src.to_owned());
    }
    if args.transcript_format.is_none() {
        args.transcript_format = file
            .format
            .as_deref()
            .and_then(Format::parse)
            .map(|f| match f {
                Format::Jsonl => TranscriptFormatArg::Jsonl,
                Format::Vosk => TranscriptFormatArg::Vosk,
                Format::WhisperStream => TranscriptFormatArg::WhisperStream,
            });
    }
    args.transcript_store = file.store;
}

/// Whether the call keeps its transcript: the settings file's
/// `transcript.store` when set (the agent's own choice wins either way),
/// else the playbook's `transcript: {store: …}`, else not.
pub fn store(args: &CallArgs, pb: &Playbook) -> bool {
    args.transcript_store
        .or(pb.transcript.map(|t| t.store))
        .unwrap_or(false)
}

/// The transcript sources asked for: the i-th `--transcript-speaker`
/// belongs to the i-th `--transcript` (default: the agent).
pub fn sources(args: &CallArgs) -> Vec<SourceSpec> {
    let format = match args.transcript_format {
        None | Some(TranscriptFormatArg::Jsonl) => Format::Jsonl,
        Some(TranscriptFormatArg::Vosk) => Format::Vosk,
        Some(TranscriptFormatArg::WhisperStream) => Format::WhisperStream,
    };
    args.transcript
        .iter()
        .enumerate()
        .map(|(i, src)| {
            let speaker = match args.transcript_speaker.get(i) {
                Some(SpeakerArg::Customer) => Speaker::Customer,
                Some(SpeakerArg::Agent) | None => Speaker::Agent,
            };
            SourceSpec::parse(src, format, speaker)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::TranscriptPolicy;
    use std::path::PathBuf;

    fn file(source: &str, format: &str, store: Option<bool>) -> TranscriptConfig {
        TranscriptConfig {
            source: Some(source.into()),
            format: Some(format.into()),
            store,
        }
    }

    fn pb(store: Option<bool>) -> Playbook {
        let mut pb = match crate::load::resolve("complaint-call") {
            Ok((pb, _)) => pb,
            Err(e) => panic!("{e:?}"),
        };
        pb.transcript = store.map(|store| TranscriptPolicy { store });
        pb
    }

    #[test]
    fn the_settings_file_is_the_default_and_flags_win() {
        let mut args = CallArgs::default();
        apply_config(&mut args, Some(&file("/tmp/a.feed", "vosk", None)));
        let got = sources(&args);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].path, PathBuf::from("/tmp/a.feed"));
        assert_eq!(got[0].format, Format::Vosk);
        assert!(!got[0].listen);

        // A flag source and format win over the file's.
        let mut args = CallArgs {
            transcript: vec!["unix:/tmp/b.sock".into()],
            transcript_format: Some(TranscriptFormatArg::WhisperStream),
            ..CallArgs::default()
        };
        apply_config(&mut args, Some(&file("/tmp/a.feed", "vosk", None)));
        let got = sources(&args);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].path, PathBuf::from("/tmp/b.sock"));
        assert!(got[0].listen);
        assert_eq!(got[0].format, Format::WhisperStream);

        // A flag source without a format takes the file's format.
        let mut args = CallArgs {
            transcript: vec!["/tmp/c.feed".into()],
            ..CallArgs::default()
        };
        apply_config(&mut args, Some(&file("/tmp/a.feed", "vosk", None)));
        assert_eq!(sources(&args)[0].format, Format::Vosk);

        // No file, no flags: no transcript.
        let mut args = CallArgs::default();
        apply_config(&mut args, None);
        assert!(sources(&args).is_empty());
        apply_config(&mut args, Some(&TranscriptConfig::default()));
        assert!(sources(&args).is_empty());
    }

    #[test]
    fn stored_only_when_the_settings_or_the_playbook_allow_it() {
        let with = |store| {
            let mut args = CallArgs::default();
            apply_config(&mut args, Some(&file("/tmp/a", "jsonl", store)));
            args
        };
        // Default: not stored.
        assert!(!store(&CallArgs::default(), &pb(None)));
        assert!(!store(&with(None), &pb(None)));
        // Either may allow it…
        assert!(store(&with(Some(true)), &pb(None)));
        assert!(store(&with(None), &pb(Some(true))));
        assert!(!store(&with(None), &pb(Some(false))));
        // …and the agent's explicit choice wins over the playbook's.
        assert!(!store(&with(Some(false)), &pb(Some(true))));
        assert!(store(&with(Some(true)), &pb(Some(false))));
    }
}
