//! The integration tests, as one test binary: a change relinks one
//! executable instead of one per file. Each module is one area; shared
//! harnesses live in `support`.

// Tests may fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod call_start;
mod classify_bench;
mod cli_color;
mod cli_language;
mod content_scenarios;
mod durability;
mod durability_faults;
mod e2e_call;
mod export_formats;
mod export_json;
mod house;
mod man_pages;
mod names_cli;
mod playbook_check;
mod playbook_commands;
mod playbook_content;
mod playbook_diagnostics;
mod playbook_props;
mod playbook_readme;
mod playbook_schema;
mod playbook_wording;
mod practice_cli;
mod practice_e2e;
mod practice_rubric;
mod practice_screens;
mod privacy_cli;
mod report_facts;
mod scenario_check;
mod scenario_schema;
mod schema_strict;
mod settings_agent;
mod store_calls;
mod store_cli;
mod store_fallback;
mod store_faults;
mod store_privacy;
mod summary_file;
mod team_cli;
mod team_db;
mod team_live;
mod team_publish;
mod team_tls;
mod textarea_incremental;
mod transcript_e2e;
mod transcript_store;
mod tui_app;
mod tui_cursor;
mod tui_input;
mod tui_keys;
mod tui_layout;
mod tui_plain;
mod tui_readme;
mod tui_record;
mod tui_snapshots;
mod tui_unsaved;
