//! The agreements pane formats only the lines that can show: the bounded
//! layout and pane equal the ones built from every agreement line.

use super::*;
use crate::engine::{Agreement, Event, EventKind, FollowUp};
use crate::playbook::{Language, load};
use crate::tui::call::test_support;
use crate::tui::theme::Theme;
use crate::tui::widgets::pane;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::widgets::{Paragraph, Widget, Wrap};

const T0: i64 = 1_795_341_600_000;

fn app(notes: &str, recorded: usize, follow_up: bool) -> App {
    let playbook = load::default_playbook().unwrap_or_else(|e| panic!("{e:?}"));
    let setup = test_support::setup(playbook, Language::En, Theme::new(false));
    let started = Event {
        at: T0,
        kind: EventKind::Started(test_support::meta("klachtgesprek", "1")),
    };
    let Some((mut app, _)) = App::resume(setup, vec![started], notes, T0, T0) else {
        panic!("resume");
    };
    for id in 0..recorded {
        app.state.agreements.push(Agreement {
            id: u32::try_from(id + 1).unwrap_or(u32::MAX),
            who: "wij".into(),
            what: format!("afspraak {id} met een wat langere omschrijving die afbreekt"),
            by_when: None,
        });
    }
    if follow_up {
        app.state.follow_up = Some(FollowUp {
            due: jiff::civil::date(2026, 12, 1),
            what: "nabellen".into(),
        });
    }
    app
}

/// Notes with `n` agreement lines of varying length among other lines.
fn notes(n: usize, other: usize, long: usize) -> String {
    let mut s = String::new();
    for i in 0..n.max(other) {
        if i < other {
            s.push_str("klant belt over een jas\n");
        }
        if i < n {
            let tail = "x".repeat((i * 7 + long) % 150);
            s.push_str(&format!(
                "A: wij | stuur {i} {tail} | 2026-12-0{}\n",
                i % 9 + 1
            ));
        }
    }
    s
}

fn pane_cells(buf: &Buffer, area: Rect) -> Vec<String> {
    area.positions()
        .map(|p| buf[(p.x, p.y)].symbol().to_owned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bounded_agreements_equal_all_of_them(
        n in 0usize..120,
        other in 0usize..40,
        long in 0usize..150,
        recorded in 0usize..4,
        follow_up in any::<bool>(),
        w in 40u16..170,
        h in 10u16..70,
    ) {
        let app = app(&notes(n, other, long), recorded, follow_up);
        let area = Rect::new(0, 0, w, h);
        let all = layout_with(&app, area, usize::MAX).0;
        prop_assert_eq!(call_layout(&app, area), all);
        // The pane as drawn equals a pane holding every line.
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
            .unwrap_or_else(|e| panic!("{e}"));
        term.draw(|f| crate::tui::call::view::draw(f, &app)).unwrap_or_else(|e| panic!("{e}"));
        let drawn = term.backend().buffer().clone();
        let count = app.state.agreements.len() + app.markers.agreements.len();
        let mut reference = Buffer::empty(area);
        if all.agreements.height >= 3 {
            Paragraph::new(agreement_lines(&app, usize::MAX))
                .wrap(Wrap { trim: true })
                .block(pane(&app.setup.theme, format!("{} ({count}) ", app.words().agreements)))
                .render(all.agreements, &mut reference);
            prop_assert_eq!(pane_cells(&drawn, all.agreements), pane_cells(&reference, all.agreements));
        }
        // What is formatted is a prefix of the full list.
        let full = agreement_lines(&app, usize::MAX);
        let some = agreement_lines(&app, usize::from(h));
        prop_assert_eq!(&full[..some.len()], &some[..]);
    }
}
