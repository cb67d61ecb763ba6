//! Call-screen performance: one keystroke into the notes plus a full frame
//! at 120×40 with 100 KB and 1 MB of notes, the same with the frame drawn
//! over the last one as the program does, and start-up to the first frame.

// A benchmark may fail loudly, like a test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use callcoach::engine::{CallMeta, Event, EventKind};
use callcoach::playbook::{Channel, Language, load};
use callcoach::tui::call::view as ui;
use callcoach::tui::call::{App, Msg, Setup, update};
use callcoach::tui::theme::Theme;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;

const T0: i64 = 1_795_341_600_000;

fn setup() -> Setup {
    Setup {
        playbook: load::default_playbook().unwrap_or_else(|e| panic!("{e:?}")),
        playbook_file: None,
        lang: Language::Nl,
        agent: Some("Eva".into()),
        persistent: true,
        history: None,
        utc_offset_secs: 0,
        theme: Theme::new(false),
    }
}

fn meta() -> CallMeta {
    CallMeta {
        playbook_id: "klachtgesprek".into(),
        playbook_version: "1".into(),
        playbook_hash: None,
        customer: Some("K-1".into()),
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    }
}

/// Notes of about `bytes` bytes: realistic lines, some with markers.
fn notes(bytes: usize) -> String {
    let lines = [
        "Klant belt over een jas die na één week kapot is gegaan, rits los.",
        "! kern: voelt zich niet serieus genomen door de winkel",
        "A: wij | nieuwe jas opsturen | 2026-12-01",
        "? bon nog nodig, vraagt of het via de mail kan",
        "Ze is boos omdat ze twee keer heeft gebeld zonder antwoord.",
    ];
    let mut s = String::with_capacity(bytes + 100);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(lines[i % lines.len()]);
        s.push('\n');
        i += 1;
    }
    s
}

fn app_with_notes(bytes: usize) -> App {
    let started = Event {
        at: T0,
        kind: EventKind::Started(meta()),
    };
    let (mut app, _) = App::resume(setup(), vec![started], &notes(bytes), T0, T0)
        .unwrap_or_else(|| panic!("resume"));
    update(&mut app, Msg::Resize(120, 40), T0);
    app
}

/// The notes' sizes the keystroke is measured at.
const SIZES: [(&str, usize); 4] = [
    ("0KB", 0),
    ("10KB", 10_000),
    ("100KB", 100_000),
    ("1MB", 1_000_000),
];

/// Keys that alternate typing and deleting, so the notes keep their size,
/// one millisecond apart.
#[derive(Default)]
struct Keys {
    n: i64,
}

impl Keys {
    fn next(&mut self) -> (KeyEvent, i64) {
        self.n += 1;
        let code = if self.n % 2 == 1 {
            KeyCode::Char('x')
        } else {
            KeyCode::Backspace
        };
        (KeyEvent::new(code, KeyModifiers::NONE), T0 + self.n)
    }
}

fn keystroke_and_draw(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_and_draw_120x40");
    group.sample_size(50);
    for (name, bytes) in SIZES {
        let mut app = app_with_notes(bytes);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        term.draw(|f| ui::draw(f, &app))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut keys = Keys::default();
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let (key, now) = keys.next();
                let fx = update(&mut app, Msg::Key(key), now);
                term.draw(|f| ui::draw(f, &app))
                    .unwrap_or_else(|e| panic!("{e}"));
                black_box(fx);
            })
        });
    }
    group.finish();
}

/// What the program does per key: the update, the frame drawn over the last
/// one (only what changed), and the cells to send for the rows drawn
/// (`Session::draw_changed` without the terminal write).
fn keystroke_and_changed_frame(c: &mut Criterion) {
    use callcoach::tui::term::frames::Frames;
    use ratatui::layout::Rect;
    let mut group = c.benchmark_group("keystroke_and_changed_frame_120x40");
    group.sample_size(50);
    for (name, bytes) in SIZES {
        let mut app = app_with_notes(bytes);
        let mut frames = Frames::new(Rect::new(0, 0, 120, 40));
        let drawn = ui::draw_changed(&app, &mut frames.next, true);
        black_box(frames.updates(drawn.areas.as_deref()));
        let mut keys = Keys::default();
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let (key, now) = keys.next();
                let fx = update(&mut app, Msg::Key(key), now);
                let drawn = ui::draw_changed(&app, &mut frames.next, false);
                black_box(frames.updates(drawn.areas.as_deref()));
                black_box(fx);
            })
        });
    }
    group.finish();
}

/// The two halves separately, to see where the time goes.
fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("parts_1MB");
    group.sample_size(20);
    let mut app = app_with_notes(1_000_000);
    let mut now = T0;
    let mut flip = false;
    group.bench_function("keystroke_update_only", |b| {
        b.iter(|| {
            now += 1;
            flip = !flip;
            let code = if flip {
                KeyCode::Char('x')
            } else {
                KeyCode::Backspace
            };
            black_box(update(
                &mut app,
                Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
                now,
            ));
        })
    });
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    group.bench_function("draw_only", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, &app))
                .unwrap_or_else(|e| panic!("{e}"));
        })
    });
    // What an idle coach does once a second while the call timer shows.
    group.bench_function("timer_tick_and_draw", |b| {
        b.iter(|| {
            now += 1000;
            black_box(update(&mut app, Msg::Tick, now));
            term.draw(|f| ui::draw(f, &app))
                .unwrap_or_else(|e| panic!("{e}"));
        })
    });
    group.finish();
}

/// The notes editor crate on its own: one edit in a `TextArea` that has been
/// laid out at the notes pane's width, with all of 1 MB of notes and with a
/// 200-line window of them. The first is the floor our keystroke cannot go
/// below while the crate re-wraps the whole text after every edit; the second
/// is what re-wrapping only near the edit would cost.
fn textarea_only(c: &mut Criterion) {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    use ratatui_textarea::{TextArea, WrapMode};
    let mut group = c.benchmark_group("textarea_only_edit_118_wide");
    group.sample_size(20);
    let all: Vec<String> = notes(1_000_000).lines().map(str::to_owned).collect();
    for (name, lines) in [("1MB", all.clone()), ("200_lines", all[..200].to_vec())] {
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
        let area = Rect::new(0, 0, 118, 38);
        let mut buf = Buffer::empty(area);
        (&ta).render(area, &mut buf);
        let mut flip = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                flip = !flip;
                if flip {
                    ta.insert_char('x');
                } else {
                    ta.delete_char();
                }
                black_box(ta.cursor());
            })
        });
    }
    group.finish();
}

fn startup_to_first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(30);
    group.bench_function("parse_playbook_build_app_first_frame", |b| {
        b.iter(|| {
            let (app, fx) = App::new_call(setup(), meta(), T0);
            let mut term =
                Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
            term.draw(|f| ui::draw(f, &app))
                .unwrap_or_else(|e| panic!("{e}"));
            black_box(fx);
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    keystroke_and_draw,
    keystroke_and_changed_frame,
    parts,
    textarea_only,
    startup_to_first_frame
);
criterion_main!(benches);
