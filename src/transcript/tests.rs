use super::*;
use std::io::Write;
use std::sync::mpsc::{self, Receiver};

fn now() -> i64 {
    0
}

const LINE: &str = "{\"v\":1,\"type\":\"final\",\"speaker\":\"agent\",\"text\":\"hello\"}\n";

/// Waits for the next report that satisfies `want`.
fn wait(rx: &Receiver<Report>, want: impl Fn(&Report) -> bool) -> Report {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(r) if want(&r) => return r,
            Ok(_) => {}
            Err(e) => panic!("no report in time: {e}"),
        }
    }
}

fn heard_text(r: &Report) -> Vec<String> {
    match r {
        Report::Heard { utterances, .. } => utterances.iter().map(|u| u.text.clone()).collect(),
        Report::Status { .. } => Vec::new(),
    }
}

fn is_heard(r: &Report) -> bool {
    matches!(r, Report::Heard { utterances, .. } if !utterances.is_empty())
}

#[test]
fn unix_prefix_means_listen() {
    let s = SourceSpec::parse("unix:/tmp/x.sock", Format::Vosk, Speaker::Customer);
    assert!(s.listen);
    assert_eq!(s.path, PathBuf::from("/tmp/x.sock"));
    assert!(!SourceSpec::parse("/tmp/x.fifo", Format::Jsonl, Speaker::Agent).listen);
}

#[test]
fn a_followed_file_is_read_from_its_end_and_again_after_truncation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, LINE.replace("hello", "old")).unwrap();
    let (tx, rx) = mpsc::channel::<Report>();
    spawn(
        0,
        SourceSpec::parse(path.to_str().unwrap(), Format::Jsonl, Speaker::Agent),
        tx,
        now,
    );
    wait(&rx, |r| {
        matches!(
            r,
            Report::Status {
                status: SourceStatus::Open,
                ..
            }
        )
    });
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    f.write_all(LINE.as_bytes()).unwrap();
    assert_eq!(heard_text(&wait(&rx, is_heard)), vec!["hello"]);
    // Truncated and written anew: read from the start.
    std::fs::write(&path, LINE.replace("hello", "again")).unwrap();
    assert_eq!(heard_text(&wait(&rx, is_heard)), vec!["again"]);
}

#[test]
fn a_missing_file_is_waited_for_and_read_from_its_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("later.jsonl");
    let (tx, rx) = mpsc::channel::<Report>();
    spawn(
        3,
        SourceSpec::parse(path.to_str().unwrap(), Format::Jsonl, Speaker::Agent),
        tx,
        now,
    );
    let r = wait(&rx, |_| true);
    assert_eq!(
        r,
        Report::Status {
            source: 3,
            status: SourceStatus::Missing
        }
    );
    std::fs::write(&path, format!("{LINE}not json\n")).unwrap();
    let r = wait(&rx, is_heard);
    assert_eq!(heard_text(&r), vec!["hello"]);
    match r {
        Report::Heard { stats, source, .. } => {
            assert_eq!(source, 3);
            assert_eq!(stats.malformed, 1);
        }
        Report::Status { .. } => unreachable!(),
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reopened_after_its_writer_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.fifo");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = mpsc::channel::<Report>();
    spawn(
        1,
        SourceSpec::parse(path.to_str().unwrap(), Format::Jsonl, Speaker::Agent),
        tx,
        now,
    );
    wait(&rx, |r| {
        matches!(
            r,
            Report::Status {
                status: SourceStatus::Waiting,
                ..
            }
        )
    });
    for word in ["one", "two"] {
        let mut w = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        w.write_all(LINE.replace("hello", word).as_bytes()).unwrap();
        assert_eq!(heard_text(&wait(&rx, is_heard)), vec![word]);
        drop(w);
        wait(&rx, |r| {
            matches!(
                r,
                Report::Status {
                    status: SourceStatus::Closed,
                    ..
                }
            )
        });
    }
}

#[cfg(unix)]
#[test]
fn a_socket_takes_several_recognisers() {
    use std::os::unix::net::UnixStream;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.sock");
    let (tx, rx) = mpsc::channel::<Report>();
    let arg = format!("unix:{}", path.display());
    spawn(
        2,
        SourceSpec::parse(&arg, Format::Vosk, Speaker::Customer),
        tx,
        now,
    );
    wait(&rx, |r| {
        matches!(
            r,
            Report::Status {
                status: SourceStatus::Waiting,
                ..
            }
        )
    });
    let mut a = UnixStream::connect(&path).unwrap();
    let mut b = UnixStream::connect(&path).unwrap();
    // Two pretty-printed objects interleaved across connections stay apart.
    a.write_all(b"{\n  \"text\" : ").unwrap();
    b.write_all(b"{\"text\": \"from b\"}\n").unwrap();
    assert_eq!(heard_text(&wait(&rx, is_heard)), vec!["from b"]);
    a.write_all(b"\"from a\"\n}\n").unwrap();
    let r = wait(&rx, is_heard);
    assert_eq!(heard_text(&r), vec!["from a"]);
    match r {
        Report::Heard { utterances, .. } => assert_eq!(utterances[0].speaker, Speaker::Customer),
        Report::Status { .. } => unreachable!(),
    }
    drop((a, b));
    wait(&rx, |r| {
        matches!(
            r,
            Report::Status {
                status: SourceStatus::Waiting,
                ..
            }
        )
    });
}
