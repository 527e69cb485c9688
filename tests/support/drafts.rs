//! Helpers shared by the drafts tests and the save benchmark.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeZone};
use tianbiao::draft::{Clock, Draft};
use tianbiao::form::{self, Answers, Attachment, Cell, Form, Row, Value};

pub fn flagship() -> Form {
    form::builtin("ai-scenario").unwrap().unwrap()
}

/// A clock fixed at 2026-11-25 20:00:00 +08:00.
pub fn fixed_clock() -> Clock {
    Arc::new(|| {
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 25, 20, 0, 0)
            .unwrap()
    })
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

const PARAGRAPH: &str = "本场景面向城市交通管理，构建了“感知—分析—决策”一体化的AI视频智能分析平台，接入5G摄像头12000路，识别准确率达到98.5%以上。";

/// Chinese text of exactly `n` characters (mostly Han, some digits and Latin).
pub fn cjk(n: usize, salt: usize) -> String {
    let chars: Vec<char> = PARAGRAPH.chars().collect();
    (0..n).map(|i| chars[(i + salt) % chars.len()]).collect()
}

/// A complete flagship draft: every field answered, the six narrative sections at 140 % of their
/// limits in characters, about 120 % in 字 (runs of digits and Latin count as one): 2,990 字 in
/// the six sections.
pub fn full_flagship(form: &Form) -> Draft {
    let mut d = Draft::new(form, "智慧港口", "2026-11-25T20:00:00+08:00");
    let a = &mut d.answers;
    a.set(
        "applicant_unit",
        Value::Text("某某市人工智能创新应用先导区管委会".into()),
    );
    a.set("filled_date", Value::Date("2026-11-25".into()));
    a.set("scenario_name", Value::Text("港口集装箱智能调度".into()));
    a.set("region", Value::Text("上海市浦东新区".into()));
    a.set("user_units", Value::Text("上海某港务集团".into()));
    a.set(
        "providers",
        Value::List(vec!["某科技有限公司".into(), "某研究院".into()]),
    );
    a.set(
        "domains",
        Value::Choice {
            selected: vec!["其他".into()],
            other: "港口物流".into(),
        },
    );
    a.set("domain_other", Value::Text("港口物流".into()));
    a.set("contact_name", Value::Text("张三".into()));
    a.set("contact_phone", Value::Text("13800138000".into()));
    a.set("contact_email", Value::Text("zhangsan@example.com".into()));
    a.set("pledge", Value::Confirm(true));
    a.set("legal_rep", Value::Text("李四".into()));
    a.set("pledge_date", Value::Date("2026-11-25".into()));
    for (id, limit) in [
        ("intro", 400),
        ("ai_content", 500),
        ("effect", 500),
        ("prospect", 400),
        ("needs", 400),
        ("support", 300),
    ] {
        a.set(id, Value::Text(cjk(limit * 7 / 5, limit)));
    }
    a.set(
        "figures",
        Value::Attachments(vec![Attachment {
            path: "图1.png".into(),
            caption: "图1 系统架构".into(),
        }]),
    );
    a.set(
        "materials",
        Value::Attachments(vec![Attachment {
            path: "现场照片.jpg".into(),
            caption: "现场".into(),
        }]),
    );
    d
}

/// Answers of every value kind, for tests that need variety.
pub fn every_kind() -> Answers {
    let mut a = Answers::default();
    a.set("t", Value::Text("第一行\n第二行 \u{1b}[2J \u{202e}".into()));
    a.set(
        "c",
        Value::Choice {
            selected: vec!["交通".into(), "其他".into()],
            other: "港口".into(),
        },
    );
    a.set("d", Value::Date("2026-11-25".into()));
    a.set("l", Value::List(vec!["甲".into(), "乙".into()]));
    let mut row = Row::new();
    row.insert("name".into(), Cell::Text("场景".into()));
    row.insert("key".into(), Cell::Bool(true));
    a.set("tb", Value::Table(vec![row]));
    a.set(
        "at",
        Value::Attachments(vec![Attachment {
            path: "a.png".into(),
            caption: "图1".into(),
        }]),
    );
    a.set("cf", Value::Confirm(true));
    a
}

/// Re-runs this test binary as a child running only the test `entry` (which must call
/// [`child_mode`] first), with `TB_CHILD=mode` and extra env. Its protocol lines start with `@@`.
pub fn spawn_child(entry: &str, mode: &str, env: &[(&str, &str)]) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut c = Command::new(exe);
    c.args([entry, "--exact", "--nocapture", "--test-threads=1", "-q"])
        .env("TB_CHILD", mode)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    c.spawn().unwrap()
}

/// The child mode this process runs in, if it is a child.
pub fn child_mode() -> Option<String> {
    std::env::var("TB_CHILD").ok()
}

/// The protocol lines (`@@...`) of some output, without the prefix.
pub fn protocol(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| l.strip_prefix("@@").map(str::to_string))
        .collect()
}

/// Names of the files in a directory, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

pub fn mode_of(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// Waits until `cond` holds, polling, for at most `secs`.
pub fn wait_until(secs: u64, mut cond: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < end {
        if cond() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    cond()
}

/// A small deterministic random generator (xorshift64*), seeded explicitly so failures repeat.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
