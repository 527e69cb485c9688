//! Line breaking of real Chinese text (the notice's 示例 texts and mixed Chinese/Latin/digit
//! sentences) at every width from 20 to 80, and over random text: the rules a reader notices.

use proptest::prelude::*;
use tianbiao::form;
use tianbiao::text::buffer::{LongText, Move, Op};
use tianbiao::text::wrap::{self, Row, cell_width, layout, no_end, no_start};

/// Tokens that must never be cut across rows (when narrower than the row).
const WHOLE: &[&str] = &[
    "1:10",
    "1:1",
    "2.5",
    "9.1%",
    "10%",
    "20%",
    "95%",
    "——",
    "……",
    "AI",
    "GB/T 22239-2019",
    "TEU",
    "internationalization",
];

fn sentences() -> Vec<String> {
    let f = form::builtin("ai-scenario").unwrap().unwrap();
    let mut out: Vec<String> = f
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter_map(|fl| fl.example.clone())
        .flat_map(|e| {
            e.split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(out.len() > 15, "the notice's 示例 texts are in the form");
    out.extend(
        [
            "系统能够将故障率从12.3%下降到9.1%，同时支持internationalization与多语言界面。",
            "依据GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》开展测评——三级。",
            "他说：“我们要做的是……把事情做好。”随后（在2022年8月10日）签署了协议。",
            "大车司机配比可由以前的1:1变成1:10甚至更少，岸桥作业由2.5小时缩短为8秒。",
            "「开放」『协同』【智能】《规划》〈示范〉，这些都是关键词；你同意吗？当然！",
            "含有零宽\u{200b}空格与双向\u{202e}控制\u{202c}字符的文本也要正确换行。",
        ]
        .map(str::to_string),
    );
    out
}

// Hidden characters are drawn as markers but do not count as the row's first or last mark.
fn first_char(s: &str) -> Option<char> {
    s.chars().find(|&c| !wrap::is_hidden(c))
}

fn last_char(s: &str) -> Option<char> {
    s.chars().rev().find(|&c| !wrap::is_hidden(c))
}

/// Checks every rule on one paragraph at one width; returns a description of the first
/// broken one.
fn check(p: &str, cols: usize) -> Result<(), String> {
    let rows = layout(p, cols, cell_width);
    let texts: Vec<&str> = rows.iter().map(|r| &p[r.start..r.end]).collect();
    // Every character exactly once, in order.
    if texts.concat() != p {
        return Err(format!("rows {texts:?} do not rebuild the text"));
    }
    for w in rows.windows(2) {
        if w[0].end != w[1].start {
            return Err("rows not contiguous".into());
        }
    }
    for (k, row) in rows.iter().enumerate() {
        let t = texts[k];
        // Only a single unit wider than the row may overflow.
        if row.width > cols && wrap::units(t).len() > 1 {
            return Err(format!("row {t:?} is {} cells at {cols}", row.width));
        }
        if row.width != wrap::str_width(t, cell_width) {
            return Err(format!("row {t:?} width wrong"));
        }
        if k > 0 && first_char(t).is_some_and(no_start) {
            return Err(format!(
                "row {k} starts with closing punctuation: {texts:?}"
            ));
        }
        if k + 1 < rows.len() && last_char(t).is_some_and(no_end) {
            return Err(format!("row {k} ends with opening punctuation: {texts:?}"));
        }
    }
    for tok in WHOLE {
        if wrap::str_width(tok, cell_width) > cols {
            continue;
        }
        for (at, _) in p.match_indices(tok) {
            let end = at + tok.len();
            // With the opening marks before it and the closing marks after it (which go with
            // it), wider than the row: the punctuation rules win and the token may be cut.
            let opening: usize = p[..at]
                .chars()
                .rev()
                .take_while(|&c| no_end(c) || c == ' ')
                .map(|c| cell_width(c.encode_utf8(&mut [0; 4])))
                .sum();
            let closing: usize = p[end..]
                .chars()
                .take_while(|&c| no_start(c))
                .map(|c| cell_width(c.encode_utf8(&mut [0; 4])))
                .sum();
            if opening + wrap::str_width(tok, cell_width) + closing > cols {
                continue;
            }
            // Part of a longer Latin/number run: that run is what stays whole (or is cut).
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_graphic());
            if tok.is_ascii()
                && (glued(p[..at].chars().next_back()) || glued(p[end..].chars().next()))
            {
                continue;
            }
            if rows.iter().any(|r| r.start > at && r.start < end) {
                return Err(format!("{tok:?} cut across rows: {texts:?}"));
            }
        }
    }
    check_caret(p, &rows, cols)
}

/// The caret's row and column agree with where the text is drawn, for every caret position.
fn check_caret(p: &str, rows: &[Row], cols: usize) -> Result<(), String> {
    let mut bounds: Vec<usize> = wrap::units(p).iter().map(|u| u.0).collect();
    bounds.push(p.len());
    for b in bounds {
        let (r, c) = wrap::position(p, rows, b, cell_width);
        let row = rows[r];
        if b < row.start || b > row.end {
            return Err(format!("caret {b} placed on row {r} not holding it"));
        }
        // The unit after the caret is drawn at exactly that column.
        if b < row.end && wrap::str_width(&p[row.start..b], cell_width) != c {
            return Err(format!(
                "caret {b}: column {c} is not where its unit is drawn"
            ));
        }
        if c > cols {
            return Err(format!("caret {b} at column {c} past the spare column"));
        }
        // And the row/column maps back to the same position.
        if b < row.end && wrap::byte_at(p, rows, r, c, cell_width) != b {
            return Err(format!("caret {b} does not round-trip"));
        }
    }
    Ok(())
}

#[test]
fn notice_texts_follow_the_rules_at_every_width() {
    let ss = sentences();
    for cols in 20..=80 {
        for p in &ss {
            if let Err(e) = check(p, cols) {
                panic!("width {cols}: {e}\n{p}");
            }
        }
    }
}

#[test]
fn the_bugs_seen_in_the_example_panel_are_gone() {
    // At the 示例 panel's width on an 80-column screen these rows once began with ， and 、.
    let intro = &sentences()[0];
    for cols in 20..=80 {
        for line in wrap::wrap_lines(intro, cols, cell_width).iter().skip(1) {
            assert!(
                !line.starts_with(['，', '、', '。']),
                "width {cols}: {line}"
            );
        }
    }
    let r = wrap::wrap_lines(
        "集卡司机的数量可减少95%，大车司机配比可由以前的1:1变成1:10甚至更少",
        40,
        cell_width,
    );
    assert!(
        r.iter()
            .all(|l| !l.ends_with("1:") && !l.starts_with("10 ")),
        "{r:?}"
    );
}

#[test]
fn caret_in_the_editor_matches_rows_after_a_push() {
    // "好，" moves down together: the caret before "，" is on the second row, after "好".
    let mut t = LongText::new("今天天气很好，我们去公园。");
    t.set_view(12, 5);
    let now = std::time::Instant::now();
    for _ in 0..6 {
        t.apply(Op::Move(Move::Right, false), now);
    }
    assert_eq!(t.caret_in_view(), Some((1, 2)));
    t.apply(Op::Move(Move::Up, false), now);
    assert_eq!(t.caret_in_view(), Some((0, 2)));
}

fn alphabet() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "智", "慧", "港", "口", "场", "景", "人", "工", "能", "的", "数", "据"
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "，", "。", "、", "；", "：", "？", "！", "）", "】", "》", "”", "’", "%", "·"
        ]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["（", "【", "《", "“", "‘", "「"]).prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "AI", "GB/T 22239-2019", "1:10", "2.5", "9.1%", "——", "……", "TEU", "5G", " ",
            "\u{200b}", "\u{202e}", "OK", "data", "x"
        ]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| {
        // No more than two forbidden marks in a row: a real text never has more, and a run
        // of them wider than the row cannot be kept whole.
        let mut out = String::new();
        let mut run = 0;
        for p in v {
            let c = p.chars().next().unwrap_or(' ');
            let forbidden = no_start(c) || no_end(c);
            if forbidden {
                run += 1;
                if run > 2 {
                    continue;
                }
            } else {
                run = 0;
            }
            out.push_str(&p);
        }
        out
    })
}

proptest! {
    #[test]
    fn random_text_follows_the_rules(p in alphabet(), cols in 20usize..=80) {
        if let Err(e) = check(&p, cols) {
            return Err(TestCaseError::fail(format!("{e}\n{p:?} at {cols}")));
        }
    }
}
