use super::*;
use crate::stage::StageId;

#[derive(Clone, Debug, PartialEq)]
enum Op {
    Upsert(StageId, u32),
    Remove,
}

#[derive(Clone, Default)]
struct Log {
    ops: Arc<Mutex<Vec<Op>>>,
    connects: Arc<Mutex<u32>>,
}

impl Log {
    fn ops(&self) -> Vec<Op> {
        self.ops.lock().unwrap().clone()
    }
}

struct Fake {
    log: Log,
    delay: Duration,
}

impl Post for Fake {
    fn upsert(&mut self, _: &str, s: &LiveStatus, _: i64) -> anyhow::Result<()> {
        std::thread::sleep(self.delay);
        self.log
            .ops
            .lock()
            .unwrap()
            .push(Op::Upsert(s.stage, s.escalations));
        Ok(())
    }
    fn remove(&mut self, _: &str) -> anyhow::Result<()> {
        self.log.ops.lock().unwrap().push(Op::Remove);
        Ok(())
    }
}

/// Connections that fail `fail` times, then work (each send taking `delay`).
fn connect(log: &Log, fail: u32, delay: Duration) -> Connect {
    let log = log.clone();
    Box::new(move || {
        let mut n = log.connects.lock().unwrap();
        *n += 1;
        if *n <= fail {
            anyhow::bail!("unreachable");
        }
        Ok(Box::new(Fake {
            log: log.clone(),
            delay,
        }) as Box<dyn Post>)
    })
}

fn fast() -> Timing {
    Timing {
        heartbeat: Duration::from_secs(3600),
        retry_min: Duration::from_millis(10),
        retry_max: Duration::from_millis(40),
    }
}

fn status(stage: StageId, escalations: u32) -> LiveStatus {
    LiveStatus {
        customer: Some("K-1".into()),
        stage,
        stage_entered_at: 0,
        escalations,
        over_time: false,
        skipped: false,
    }
}

fn wait_until(log: &Log, want: impl Fn(&[Op]) -> bool) -> Vec<Op> {
    let start = Instant::now();
    loop {
        let ops = log.ops();
        if want(&ops) || start.elapsed() > Duration::from_secs(10) {
            return ops;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn offers_never_wait_and_the_newest_status_wins() {
    let log = Log::default();
    let s = Sender::start(
        "c1",
        connect(&log, 0, Duration::from_millis(100)),
        fast(),
        || 0,
    );
    let t = Instant::now();
    for i in 0..500 {
        s.offer(Some(status(StageId::Listen, i)));
    }
    // 500 offers against a link taking 100 ms per send: no waiting.
    assert!(t.elapsed() < Duration::from_millis(90), "{:?}", t.elapsed());
    let ops = wait_until(&log, |o| {
        o.last() == Some(&Op::Upsert(StageId::Listen, 499))
    });
    assert_eq!(ops.last(), Some(&Op::Upsert(StageId::Listen, 499)));
    // Stale ones were dropped, not queued.
    assert!(ops.len() < 10, "{ops:?}");
}

#[test]
fn unchanged_statuses_are_not_sent_again() {
    let log = Log::default();
    let s = Sender::start("c1", connect(&log, 0, Duration::ZERO), fast(), || 0);
    for _ in 0..5 {
        s.offer(Some(status(StageId::Ask, 0)));
        std::thread::sleep(Duration::from_millis(5));
    }
    wait_until(&log, |o| !o.is_empty());
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(log.ops(), vec![Op::Upsert(StageId::Ask, 0)]);
}

#[test]
fn failures_are_retried_silently_with_the_newest_status() {
    let log = Log::default();
    let s = Sender::start("c1", connect(&log, 3, Duration::ZERO), fast(), || 0);
    s.offer(Some(status(StageId::Listen, 0)));
    s.offer(Some(status(StageId::Acknowledge, 0)));
    let ops = wait_until(&log, |o| !o.is_empty());
    assert_eq!(ops, vec![Op::Upsert(StageId::Acknowledge, 0)]);
    assert_eq!(*log.connects.lock().unwrap(), 4);
}

#[test]
fn the_row_goes_when_the_call_ends_and_when_the_screen_closes() {
    let log = Log::default();
    let s = Sender::start("c1", connect(&log, 0, Duration::ZERO), fast(), || 0);
    s.offer(Some(status(StageId::Listen, 0)));
    wait_until(&log, |o| o.len() == 1);
    s.offer(None);
    let ops = wait_until(&log, |o| o.len() == 2);
    assert_eq!(ops[1], Op::Remove);
    // Closing after the end removes nothing more.
    s.close(Duration::from_secs(5));
    assert_eq!(log.ops().len(), 2);

    let log = Log::default();
    let s = Sender::start("c2", connect(&log, 0, Duration::ZERO), fast(), || 0);
    s.offer(Some(status(StageId::Ask, 1)));
    wait_until(&log, |o| o.len() == 1);
    drop(s);
    assert_eq!(log.ops(), vec![Op::Upsert(StageId::Ask, 1), Op::Remove]);
}

#[test]
fn a_quiet_call_is_refreshed_by_the_heartbeat() {
    let log = Log::default();
    let timing = Timing {
        heartbeat: Duration::from_millis(20),
        ..fast()
    };
    let s = Sender::start("c1", connect(&log, 0, Duration::ZERO), timing, || 0);
    s.offer(Some(status(StageId::Ask, 0)));
    let ops = wait_until(&log, |o| o.len() >= 3);
    assert!(
        ops.iter().all(|o| *o == Op::Upsert(StageId::Ask, 0)),
        "{ops:?}"
    );
    assert!(ops.len() >= 3);
}
