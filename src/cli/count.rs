//! `tianbiao count`: the three counts of a text, human-readable or JSON, with a limit state.

use std::io::Write;
use unicode_width::UnicodeWidthStr;

use super::{CountArgs, INVALID, OK, UNREADABLE};
use crate::count::{self, LimitState, Mode};
use crate::fsio;
use crate::lang::{self, Lang};
use crate::sanitize::for_terminal;

/// `count --json`: the three counts in this order, then the limit state when asked for.
#[derive(serde::Serialize)]
struct CountJson {
    zishu: usize,
    chars: usize,
    chars_with_spaces: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excess: Option<usize>,
}

/// Cap for text given to `count` (far above any form answer).
const COUNT_CAP: u64 = 64 * 1024 * 1024;

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_count(
    lang: Lang,
    args: &CountArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let read = match &args.file {
        Some(p) => fsio::read_capped(p, COUNT_CAP),
        None => fsio::read_stdin_capped(COUNT_CAP),
    };
    let name = args.file.as_ref().map_or_else(
        || "<stdin>".to_string(),
        |p| for_terminal(&p.display().to_string()),
    );
    let bytes = match read {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{name}: {}", e.describe(lang));
            return UNREADABLE;
        }
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(
                err,
                "{name}: {} (byte {})",
                super::msg::count::not_utf8(lang),
                e.valid_up_to()
            );
            return UNREADABLE;
        }
    };
    let opts = count::Options {
        zh_punct: !args.no_zh_punct,
    };
    let counts = count::count(text, opts);
    let mode: Mode = args.mode.into();
    let state = args
        .limit
        .map(|l| (l, count::limit_state(counts.get(mode), l, 0.9)));
    if args.json {
        let mut obj = CountJson {
            zishu: counts.zishu,
            chars: counts.chars,
            chars_with_spaces: counts.chars_with_spaces,
            limit: None,
            mode: None,
            state: None,
            remaining: None,
            excess: None,
        };
        if let Some((limit, st)) = state {
            obj.limit = Some(limit);
            obj.mode = Some(mode.as_str());
            match st {
                LimitState::Ok { remaining } => {
                    obj.state = Some("ok");
                    obj.remaining = Some(remaining);
                }
                LimitState::Near { remaining } => {
                    obj.state = Some("near");
                    obj.remaining = Some(remaining);
                }
                LimitState::Over { excess } => {
                    obj.state = Some("over");
                    obj.excess = Some(excess);
                }
            }
        }
        let obj = serde_json::to_string(&obj).unwrap_or_default();
        let _ = writeln!(out, "{obj}");
    } else {
        // Padded by display width: a CJK label is twice as wide as its char count.
        let names = Mode::ALL.map(|m| lang::mode_name(lang, m));
        let width = names.iter().map(|n| n.width()).max().unwrap_or(0);
        for (m, name) in Mode::ALL.into_iter().zip(names) {
            let pad = " ".repeat(width - name.width());
            let _ = writeln!(out, "{name}{pad} {:>8}", counts.get(m));
        }
        if let Some((limit, st)) = state {
            let u = lang::unit(lang, mode);
            let n = counts.get(mode);
            let line = super::msg::count::limit_line(lang, n, limit, u, st);
            let _ = writeln!(out, "{line}");
        }
    }
    // Over the limit is a failed check: scripts can test the exit code.
    match state {
        Some((_, LimitState::Over { .. })) => INVALID,
        _ => OK,
    }
}
