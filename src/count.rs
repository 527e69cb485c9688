//! 字 counting (docs/design.md, "Counting 字"). Pure; the only code in the project that counts.
//!
//! This module owns the three counting modes (`zishu` 字数, `chars` 字符数(不计空格),
//! `chars_with_spaces` 字符数(计空格)), the limit state shown by the live counter, and the byte
//! offset where text starts to overflow a limit. The live counter, validation, review, export and
//! the CLI all call it; nothing else in the crate counts. It has no terminal and no file system.
//!
//! Counting works on extended grapheme clusters (UAX #29), each classified by its first scalar
//! (docs/design.md, "Counting 字"). Segmenting every character with the full
//! UAX #29 machinery is too slow for keystroke-rate counting of long sections and for batch review,
//! so [`count`] walks scalars and only hands a stretch of text to `unicode-segmentation` where a
//! cluster can span more than one scalar. The test module keeps a plain graphemes-based reference
//! and checks the two agree on arbitrary input.

use std::ops::ControlFlow;

use unicode_segmentation::UnicodeSegmentation;

/// Which figure a limit is checked against.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 字数, Word-compatible: CJK units plus runs of other visible characters.
    #[default]
    Zishu,
    /// 字符数(不计空格): visible grapheme clusters.
    Chars,
    /// 字符数(计空格): visible grapheme clusters plus whitespace; line breaks never count.
    CharsWithSpaces,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Zishu, Mode::Chars, Mode::CharsWithSpaces];

    /// The serialized name, as written in form descriptions.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Zishu => "zishu",
            Mode::Chars => "chars",
            Mode::CharsWithSpaces => "chars_with_spaces",
        }
    }

    /// The unit shown after a count (`386/400 字`).
    pub fn unit_zh(self) -> &'static str {
        match self {
            Mode::Zishu => "字",
            Mode::Chars | Mode::CharsWithSpaces => "字符",
        }
    }
}

/// Counting options that forms may set per field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Count the Chinese punctuation Unicode calls East-Asian "ambiguous" (“ ” ‘ ’ — ― … · ‖ ※ ‥
    /// ‧ ⋯) as CJK units, as Word does for text typed with a Chinese IME. When false they are
    /// ordinary visible characters and join adjacent non-CJK runs.
    pub zh_punct: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { zh_punct: true }
    }
}

/// All three figures for one text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub zishu: usize,
    pub chars: usize,
    pub chars_with_spaces: usize,
}

impl Counts {
    pub fn get(&self, mode: Mode) -> usize {
        match mode {
            Mode::Zishu => self.zishu,
            Mode::Chars => self.chars,
            Mode::CharsWithSpaces => self.chars_with_spaces,
        }
    }
}

/// Counts `text` in all three modes in one pass.
pub fn count(text: &str, opts: Options) -> Counts {
    let mut tally = Tally::default();
    // The tally never breaks, so the result is always `Continue`.
    let _: ControlFlow<()> = walk(text, opts, &mut |_, class| {
        tally.add(class);
        ControlFlow::Continue(())
    });
    tally.counts()
}

/// Counts `text` in one mode.
pub fn count_mode(text: &str, mode: Mode, opts: Options) -> usize {
    count(text, opts).get(mode)
}

/// The warn ratio used when a caller passes NaN (docs/design.md: warn from 90%).
pub const DEFAULT_WARN_RATIO: f32 = 0.9;

/// Where a count stands against its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum LimitState {
    /// Below the warning threshold.
    Ok { remaining: usize },
    /// From the warning threshold up to and including the limit (`remaining` may be 0).
    Near { remaining: usize },
    /// Above the limit. Limits warn; they never cut text.
    Over { excess: usize },
}

/// Classifies `count` against `limit`.
///
/// `Near` starts at `ceil(limit * warn_ratio)` (360 of 400 at 0.9) and runs up to and including the
/// limit; `Over` is anything above it, so with a limit of 0 any count above 0 is `Over` (and 0 itself
/// is `Near { remaining: 0 }`: at the limit). A `warn_ratio` above 1 is treated as 1 (warn only at
/// the limit), one at or below 0 as the smallest positive ratio (warn from the first unit), and NaN
/// as [`DEFAULT_WARN_RATIO`].
pub fn limit_state(count: usize, limit: usize, warn_ratio: f32) -> LimitState {
    if count > limit {
        return LimitState::Over {
            excess: count - limit,
        };
    }
    let remaining = limit - count;
    if count >= warn_threshold(limit, warn_ratio) {
        LimitState::Near { remaining }
    } else {
        LimitState::Ok { remaining }
    }
}

/// `ceil(limit * ratio)` without float rounding surprises: 0.3f32 is slightly above 0.3, and a
/// naive `ceil(10.0 * 0.3)` would say 4. The ratio is rounded to parts per million first (an f32 in
/// (0, 1] is accurate to well within that), then the product is computed exactly in integers.
fn warn_threshold(limit: usize, ratio: f32) -> usize {
    const SCALE: u128 = 1_000_000;
    let ratio = if ratio.is_nan() {
        DEFAULT_WARN_RATIO
    } else {
        ratio
    };
    // Float-to-int `as` saturates, so infinities and huge values land in range before the clamp.
    let ppm = ((f64::from(ratio) * SCALE as f64).round() as u128).clamp(1, SCALE);
    let threshold = (limit as u128 * ppm).div_ceil(SCALE);
    // threshold <= limit because ppm <= SCALE, so it fits back into usize.
    usize::try_from(threshold).unwrap_or(limit)
}

/// Byte offset in `text` of the first grapheme cluster whose counting pushes the count in `mode`
/// past `limit`, so the editor can mark the overflowing tail; `None` when the count is within the
/// limit. In `zishu` a run of non-CJK characters counts when it starts, so the overflow starts at
/// the start of that run. The offset is always a char boundary of `text`.
pub fn overflow_start(text: &str, mode: Mode, opts: Options, limit: usize) -> Option<usize> {
    let mut tally = Tally::default();
    let flow = walk(text, opts, &mut |start, class| {
        tally.add(class);
        if tally.counts().get(mode) > limit {
            ControlFlow::Break(start)
        } else {
            ControlFlow::Continue(())
        }
    });
    match flow {
        ControlFlow::Break(start) => Some(start),
        ControlFlow::Continue(()) => None,
    }
}

/// What a grapheme cluster contributes, decided by its first scalar.
///
/// The discriminants are one bit per class so that [`Tally::add`] can count without branching:
/// in mixed Chinese/English text the class sequence is unpredictable and a `match` there costs a
/// mispredicted jump every few clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Class {
    /// Counts 1 in every mode and ends a run.
    Cjk = 1,
    /// Counts 1 in `chars`; starts or continues a run in `zishu`.
    Other = 2,
    /// Counts only in `chars_with_spaces`; ends a run.
    Space = 4,
    /// Never counts and never ends a run.
    Invisible = 8,
    /// Never counts; ends a run.
    LineBreak = 0,
}

#[derive(Default)]
struct Tally {
    zishu: usize,
    chars: usize,
    spaces: usize,
    in_run: bool,
}

impl Tally {
    #[inline(always)]
    fn add(&mut self, class: Class) {
        let bits = class as u8;
        let cjk = bits & 1;
        let other = (bits >> 1) & 1;
        let space = (bits >> 2) & 1;
        let invisible = (bits >> 3) & 1;
        let in_run = u8::from(self.in_run);
        self.zishu += usize::from(cjk | (other & (in_run ^ 1)));
        self.chars += usize::from(cjk | other);
        self.spaces += usize::from(space);
        self.in_run = (other | (invisible & in_run)) != 0;
    }

    fn counts(&self) -> Counts {
        Counts {
            zishu: self.zishu,
            chars: self.chars,
            chars_with_spaces: self.chars + self.spaces,
        }
    }
}

/// Calls `visit(start, class)` for every grapheme cluster of `text`, in order, where `start` is
/// the cluster's byte offset; stops at the first `Break`.
///
/// Most scalars are "plain" (see [`is_plain_rest`]): between two plain scalars there is always a
/// cluster boundary, so a plain scalar followed by a plain scalar (or CR, before which UAX #29
/// always breaks) is a cluster on its own. Anything else is a stretch that starts at a boundary
/// and runs until the next plain–plain pair (or CR); that stretch is segmented by
/// `unicode-segmentation`. Because both ends of the stretch are true boundaries and the context
/// rules of UAX #29 (regional-indicator parity, emoji ZWJ, Indic conjuncts) only look back through
/// non-plain scalars, segmenting the stretch alone gives the same clusters as segmenting the
/// whole text.
#[inline(always)]
fn walk<B>(
    text: &str,
    opts: Options,
    visit: &mut impl FnMut(usize, Class) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let zh_punct = opts.zh_punct;
    let mut chars = text.chars();
    let mut pos = 0usize;
    let Some(mut c) = chars.next() else {
        return ControlFlow::Continue(());
    };
    // Each scalar is looked at once, as the lookahead, and its info carried over.
    let mut ci = info(c, zh_punct);
    loop {
        let end = pos + c.len_utf8();
        let Some(n) = chars.next() else {
            // `pos` is a boundary and so is the end of the text: one scalar, one cluster.
            return visit(pos, ci.class);
        };
        let ni = info(n, zh_punct);
        if ci.plain && (ni.plain || n == '\r') {
            visit(pos, ci.class)?;
            pos = end;
            c = n;
            ci = ni;
            continue;
        }
        if c == '\r' {
            // CR is always a boundary on its left (GB5) and, alone or as CR LF, on its right (GB4).
            visit(pos, Class::LineBreak)?;
            if n == '\n' {
                pos = end + 1;
                let Some(m) = chars.next() else {
                    return ControlFlow::Continue(());
                };
                c = m;
                ci = info(m, zh_punct);
            } else {
                pos = end;
                c = n;
                ci = ni;
            }
            continue;
        }
        let mut stretch_end = end;
        let mut prev_plain = ci.plain;
        let mut look = Some((n, ni));
        while let Some((m, mi)) = look {
            if m == '\r' || (prev_plain && mi.plain) {
                break;
            }
            prev_plain = mi.plain;
            stretch_end += m.len_utf8();
            look = chars.next().map(|x| (x, info(x, zh_punct)));
        }
        let stretch = text.get(pos..stretch_end).unwrap_or_default();
        for (offset, cluster) in stretch.grapheme_indices(true) {
            if let Some(first) = cluster.chars().next() {
                visit(pos + offset, info(first, zh_punct).class)?;
            }
        }
        let Some((m, mi)) = look else {
            return ControlFlow::Continue(());
        };
        pos = stretch_end;
        c = m;
        ci = mi;
    }
}

/// What the walk needs to know about one scalar.
#[derive(Clone, Copy)]
struct Info {
    /// The class of a cluster starting with this scalar.
    class: Class,
    /// Never joins a plain neighbour into one cluster (see [`is_plain_rest`]).
    plain: bool,
}

#[inline(always)]
fn info(c: char, zh_punct: bool) -> Info {
    let u = c as u32;
    if u < 0x80 {
        return ASCII_INFO[u as usize];
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return Info {
            class: Class::Cjk,
            plain: true,
        };
    }
    Info {
        class: classify_rest(c, zh_punct),
        plain: is_plain_rest(u),
    }
}

/// Plain (beyond ASCII and U+4E00–9FFF, which [`info`] handles): a scalar whose
/// Grapheme_Cluster_Break value is Any, Control or LF (never CR, Extend, ZWJ,
/// SpacingMark, Prepend, Regional_Indicator or a Hangul jamo/syllable class). UAX #29 breaks
/// between any two such scalars, whatever surrounds them. The ranges are a conservative subset
/// covering the text this tool sees (ASCII, Latin, general punctuation and symbols, CJK, full-width
/// forms, emoji); anything not listed merely takes the slow path. A test checks every scalar
/// accepted here against `unicode-segmentation`.
fn is_plain_rest(u: u32) -> bool {
    matches!(
        u,
        0x80..=0x2FF
            | 0x370..=0x482
            | 0x2000..=0x200B
            | 0x200E..=0x20CF
            | 0x2100..=0x2BFF
            | 0x2E80..=0x3029
            | 0x3030..=0x3098
            | 0x309B..=0x4DFF
            | 0xA000..=0xA48C
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE1F
            | 0xFE30..=0xFE6F
            | 0xFF01..=0xFF9D
            | 0xFFA0..=0xFFEF
            | 0x1F000..=0x1F1E5
            | 0x1F200..=0x1F3FA
            | 0x1F400..=0x1FAFF
            | 0x20000..=0x3FFFF
    )
}

/// ASCII: TAB and space are whitespace, LF VT FF CR line breaks, the other controls and DEL
/// invisible. Every ASCII scalar but CR is plain (CR joins a following LF).
const ASCII_INFO: [Info; 128] = {
    let mut table = [Info {
        class: Class::Other,
        plain: true,
    }; 128];
    let mut i = 0;
    while i < 0x20 {
        table[i].class = Class::Invisible;
        i += 1;
    }
    table[0x7F].class = Class::Invisible;
    table[b'\t' as usize].class = Class::Space;
    table[b' ' as usize].class = Class::Space;
    table[b'\n' as usize].class = Class::LineBreak;
    table[0x0B].class = Class::LineBreak;
    table[0x0C].class = Class::LineBreak;
    table[b'\r' as usize].class = Class::LineBreak;
    table[b'\r' as usize].plain = false;
    table
};

fn classify_rest(c: char, zh_punct: bool) -> Class {
    let u = c as u32;
    // The common Chinese punctuation first: ，。、：；！？（）《》「」 are in these blocks, which hold
    // neither whitespace (U+3000 is outside) nor invisibles (U+FFA0 is outside).
    if matches!(u, 0x3001..=0x303F | 0xFF01..=0xFF9F) || (zh_punct && is_zh_punct(u)) {
        return Class::Cjk;
    }
    // Order matters: U+3000 is whitespace although it sits in a CJK block, and the Hangul fillers
    // are invisible although they sit in Hangul blocks.
    if matches!(u, 0x85 | 0x2028 | 0x2029) {
        Class::LineBreak
    } else if c.is_whitespace() {
        Class::Space
    } else if is_invisible(u) || c.is_control() {
        Class::Invisible
    } else if is_cjk_unit(u) {
        Class::Cjk
    } else {
        Class::Other
    }
}

/// Format and default-ignorable characters that never count and never split a run.
fn is_invisible(u: u32) -> bool {
    matches!(
        u,
        0xAD | 0x34F
            | 0x61C
            | 0x115F
            | 0x1160
            | 0x17B4
            | 0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xE0000..=0xE0FFF
    )
}

/// Han, radicals, CJK punctuation, kana, bopomofo, Hangul, enclosed CJK, CJK forms and full-width
/// forms (docs/design.md, "Counting 字"; U+3000 is excluded because it is whitespace).
fn is_cjk_unit(u: u32) -> bool {
    matches!(
        u,
        0x1100..=0x11FF
            | 0x2E80..=0x2FDF
            | 0x2FF0..=0x2FFF
            | 0x3001..=0x303F
            | 0x3040..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE1F
            | 0xFE30..=0xFE6F
            | 0xFF01..=0xFFEF
            | 0x16FE0..=0x16FFF
            | 0x1B000..=0x1B16F
            | 0x20000..=0x3FFFF
    )
}

/// Chinese punctuation that Unicode calls East-Asian "ambiguous": · — ― ‖ ‘ ’ “ ” ‥ … ‧ ※ ⋯.
fn is_zh_punct(u: u32) -> bool {
    matches!(
        u,
        0xB7 | 0x2014
            | 0x2015
            | 0x2016
            | 0x2018
            | 0x2019
            | 0x201C
            | 0x201D
            | 0x2025
            | 0x2026
            | 0x2027
            | 0x203B
            | 0x22EF
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // ---------------------------------------------------------------------------------------
    // Reference implementation: full UAX #29 segmentation and the rules of docs/design.md written
    // out as plainly as possible, independent of the fast path's shortcuts and tables.

    const REF_LINE_BREAKS: &[char] = &[
        '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
    ];

    const REF_INVISIBLE: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x034F, 0x034F),
        (0x061C, 0x061C),
        (0x115F, 0x1160),
        (0x17B4, 0x17B5),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0x3164, 0x3164),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0),
        (0xE0000, 0xE0FFF),
    ];

    const REF_CJK: &[(u32, u32)] = &[
        // Han
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF),
        (0x20000, 0x3FFFF),
        (0x2F800, 0x2FA1F),
        // radicals and strokes
        (0x2E80, 0x2FDF),
        (0x2FF0, 0x2FFF),
        (0x31C0, 0x31EF),
        // CJK symbols and punctuation, without U+3000
        (0x3001, 0x303F),
        // kana
        (0x3040, 0x30FF),
        (0x31F0, 0x31FF),
        (0x1B000, 0x1B16F),
        (0x16FE0, 0x16FFF),
        // bopomofo
        (0x3100, 0x312F),
        (0x31A0, 0x31BF),
        // hangul
        (0x1100, 0x11FF),
        (0x3130, 0x318F),
        (0xA960, 0xA97F),
        (0xAC00, 0xD7AF),
        (0xD7B0, 0xD7FF),
        // enclosed CJK and compatibility
        (0x3190, 0x33FF),
        // vertical, compatibility and small forms
        (0xFE10, 0xFE1F),
        (0xFE30, 0xFE6F),
        // full-width forms
        (0xFF01, 0xFFEF),
    ];

    const REF_ZH_PUNCT: &[char] = &[
        '·', '—', '―', '‖', '‘', '’', '“', '”', '‥', '…', '‧', '※', '⋯',
    ];

    fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
        ranges
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)))
    }

    fn ref_class(c: char, opts: Options) -> Class {
        if REF_LINE_BREAKS.contains(&c) {
            Class::LineBreak
        } else if c.is_whitespace() {
            Class::Space
        } else if in_ranges(c, REF_INVISIBLE) || c.is_control() {
            Class::Invisible
        } else if in_ranges(c, REF_CJK) || (opts.zh_punct && REF_ZH_PUNCT.contains(&c)) {
            Class::Cjk
        } else {
            Class::Other
        }
    }

    fn reference(text: &str, opts: Options) -> Counts {
        let (mut zishu, mut chars, mut spaces, mut in_run) = (0, 0, 0, false);
        for cluster in text.graphemes(true) {
            let first = cluster.chars().next().expect("clusters are never empty");
            match ref_class(first, opts) {
                Class::Cjk => {
                    zishu += 1;
                    chars += 1;
                    in_run = false;
                }
                Class::Other => {
                    if !in_run {
                        zishu += 1;
                    }
                    chars += 1;
                    in_run = true;
                }
                Class::Space => {
                    spaces += 1;
                    in_run = false;
                }
                Class::LineBreak => in_run = false,
                Class::Invisible => {}
            }
        }
        Counts {
            zishu,
            chars,
            chars_with_spaces: chars + spaces,
        }
    }

    fn ref_overflow_start(text: &str, mode: Mode, opts: Options, limit: usize) -> Option<usize> {
        text.grapheme_indices(true)
            .map(|(start, cluster)| (start, start + cluster.len()))
            .find(|&(_, end)| reference(&text[..end], opts).get(mode) > limit)
            .map(|(start, _)| start)
    }

    const ZH: Options = Options { zh_punct: true };
    const NO_ZH: Options = Options { zh_punct: false };

    // ---------------------------------------------------------------------------------------
    // Table: (text, options, [zishu, chars, chars_with_spaces]).

    const DESIGN_CASES: &[(&str, Options, [usize; 3])] = &[
        ("中文测试", ZH, [4, 4, 4]),
        ("AI视频智能分析平台", ZH, [9, 10, 10]),
        ("降低20%的整体运营成本", ZH, [10, 12, 12]),
        ("Hello 世界", ZH, [3, 7, 8]),
        ("第1行\n第2行", ZH, [6, 6, 6]),
        ("“人工智能”", ZH, [6, 6, 6]),
        ("👍👎👏", ZH, [1, 3, 3]),
    ];

    const OWN_CASES: &[(&str, Options, [usize; 3])] = &[
        // Chinese prose
        ("人工智能典型应用场景。", ZH, [11, 11, 11]),
        (
            "本场景面向城市交通管理，构建了“感知—分析—决策”一体化平台。",
            ZH,
            [31, 31, 31],
        ),
        // Isolated between Han, ambiguous punctuation counts 1 either way.
        (
            "本场景面向城市交通管理，构建了“感知—分析—决策”一体化平台。",
            NO_ZH,
            [31, 31, 31],
        ),
        ("「こんにちは」", ZH, [7, 7, 7]),
        ("한국어", ZH, [3, 3, 3]),
        // Mixed Chinese, English, digits, percent and units
        ("5G+", ZH, [1, 3, 3]),
        ("5G+工业互联网", ZH, [6, 8, 8]),
        ("2.5小时", ZH, [3, 5, 5]),
        ("准确率达到95%以上", ZH, [8, 10, 10]),
        ("GB/T 15834", ZH, [2, 9, 10]),
        ("符合GB/T 15834—2011要求", ZH, [8, 18, 19]),
        ("符合GB/T 15834—2011要求", NO_ZH, [6, 18, 19]),
        ("比例尺1:10", ZH, [4, 7, 7]),
        ("约3.5亿元（同比增长12%）", ZH, [11, 15, 15]),
        ("温度25℃，误差±0.5", ZH, [7, 12, 12]),
        ("4K/60fps", ZH, [1, 8, 8]),
        ("ROS 2", ZH, [2, 4, 5]),
        ("e-mail: test@example.com", ZH, [2, 23, 24]),
        ("Hello、World。", ZH, [4, 12, 12]),
        // Word counts enclosed alphanumerics as one non-Asian word.
        ("①②③④⑤", ZH, [1, 5, 5]),
        ("㈱㎡", ZH, [2, 2, 2]),
        // Full-width letters and digits, half-width katakana
        ("１２３ＡＢＣ", ZH, [6, 6, 6]),
        ("ＡＩ赋能", ZH, [4, 4, 4]),
        ("ｶﾀｶﾅ", ZH, [4, 4, 4]),
        // Chinese punctuation; each dash or ellipsis character is one unit
        ("——", ZH, [2, 2, 2]),
        ("——", NO_ZH, [1, 2, 2]),
        ("……", ZH, [2, 2, 2]),
        ("……", NO_ZH, [1, 2, 2]),
        ("他说——这不可能……", ZH, [10, 10, 10]),
        ("他说——这不可能……", NO_ZH, [8, 10, 10]),
        ("他说：“OK”。", ZH, [7, 8, 8]),
        ("他说：“OK”。", NO_ZH, [5, 8, 8]),
        ("A·B", ZH, [3, 3, 3]),
        ("A·B", NO_ZH, [1, 3, 3]),
        ("※注意", ZH, [3, 3, 3]),
        ("︽﹏", ZH, [2, 2, 2]),
        ("⼯业", ZH, [2, 2, 2]),
        // Emoji, ZWJ sequences, skin tones, flags, keycaps
        ("👨\u{200D}👩\u{200D}👧\u{200D}👦", ZH, [1, 1, 1]),
        ("👍🏻", ZH, [1, 1, 1]),
        ("🇨🇳", ZH, [1, 1, 1]),
        ("🇨🇳🇺🇸", ZH, [1, 2, 2]),
        ("🇨🇳🇺", ZH, [1, 2, 2]),
        (
            "1\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}3\u{FE0F}\u{20E3}",
            ZH,
            [1, 3, 3],
        ),
        ("☺\u{FE0F}", ZH, [1, 1, 1]),
        ("点赞👍很棒", ZH, [5, 5, 5]),
        ("Hello👍World", ZH, [1, 11, 11]),
        ("I ❤\u{FE0F} 中国", ZH, [4, 4, 6]),
        // Combining marks, jamo, voiced kana, Indic conjuncts, prepended marks
        ("cafe\u{301}", ZH, [1, 4, 4]),
        ("中\u{301}文", ZH, [2, 2, 2]),
        ("\u{301}a", ZH, [1, 2, 2]),
        (" \u{301}x", ZH, [1, 1, 2]),
        ("\u{1100}\u{1161}\u{11A8}", ZH, [1, 1, 1]),
        ("か\u{3099}", ZH, [1, 1, 1]),
        ("क्षत्रिय", ZH, [1, 3, 3]),
        ("\u{600}١٢", ZH, [1, 2, 2]),
        // Extension B and beyond
        ("𠮷野家", ZH, [3, 3, 3]),
        ("\u{30000}", ZH, [1, 1, 1]),
        // Line breaks, tabs, ideographic space
        ("第一行\r\n第二行", ZH, [6, 6, 6]),
        ("a\rb", ZH, [2, 2, 2]),
        ("a\u{0B}b\u{0C}c", ZH, [3, 3, 3]),
        ("甲\u{2028}乙\u{2029}丙\u{85}丁", ZH, [4, 4, 4]),
        ("a\u{2028}b", ZH, [2, 2, 2]),
        ("\t缩进", ZH, [2, 2, 3]),
        ("a  b\tc", ZH, [3, 3, 6]),
        ("\u{3000}\u{3000}首行缩进两个全角空格", ZH, [10, 10, 12]),
        // Invisibles: ZWSP, BOM, NBSP (a space), bidi controls, soft hyphen, controls
        ("foo\u{200B}bar", ZH, [1, 6, 6]),
        ("\u{FEFF}标题", ZH, [2, 2, 2]),
        ("100\u{A0}km", ZH, [2, 5, 6]),
        ("\u{202B}עברית\u{202C}", ZH, [1, 5, 5]),
        ("co\u{AD}operate", ZH, [1, 9, 9]),
        ("a\u{1}b\u{7F}c\u{9F}", ZH, [1, 3, 3]),
        ("\u{200B}\u{200D}\u{FEFF}\u{2060}", ZH, [0, 0, 0]),
        ("\u{FE0F}", ZH, [0, 0, 0]),
        // Empty and whitespace only
        ("", ZH, [0, 0, 0]),
        ("  \t\n\r\n\u{3000}", ZH, [0, 0, 4]),
    ];

    #[test]
    fn table() {
        assert!(OWN_CASES.len() >= 40);
        for &(text, opts, [zishu, chars, chars_with_spaces]) in DESIGN_CASES.iter().chain(OWN_CASES)
        {
            let expected = Counts {
                zishu,
                chars,
                chars_with_spaces,
            };
            assert_eq!(count(text, opts), expected, "{text:?} with {opts:?}");
            assert_eq!(reference(text, opts), expected, "reference: {text:?}");
            for mode in Mode::ALL {
                assert_eq!(count_mode(text, mode, opts), expected.get(mode));
            }
        }
    }

    /// A table pasted from Word or WPS is tab-separated lines; Word counts a table's cell text
    /// only, so a tab counts 0 and ends a run, and a table written with `|` counts its pipes.
    #[test]
    fn tab_tables_count_their_cells_only() {
        let cases: &[(&str, usize)] = &[
            ("地区\t国家\n东亚\t中国", 8),
            ("港口\t万 TEU\n上海\t4201", 7),
            // A tab ends a run: two words, as in two cells.
            ("TEU\t4201", 2),
            ("TEU4201", 1),
            // Empty cells and trailing tabs count nothing.
            ("序号\t名称\t\t\n1\t\t\t\n2\t\t\t", 6),
            ("\t\t\n\t", 0),
            // The same row written with pipes: every `|` is a word.
            ("东亚 | 中国 | 1 | 上海 | 4201", 12),
            ("东亚\t中国\t1\t上海\t4201", 8),
        ];
        for &(text, zishu) in cases {
            assert_eq!(count(text, ZH).zishu, zishu, "{text:?}");
            assert_eq!(reference(text, ZH).zishu, zishu, "reference: {text:?}");
        }
    }

    #[test]
    fn default_options_count_zh_punct() {
        assert_eq!(Options::default(), ZH);
        assert_eq!(count("——", Options::default()).zishu, 2);
    }

    #[test]
    fn mode_names_and_units() {
        assert_eq!(Mode::default(), Mode::Zishu);
        let names: Vec<_> = Mode::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(names, ["zishu", "chars", "chars_with_spaces"]);
        let units: Vec<_> = Mode::ALL.iter().map(|m| m.unit_zh()).collect();
        assert_eq!(units, ["字", "字符", "字符"]);
        for mode in Mode::ALL {
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(json, format!("\"{}\"", mode.as_str()));
            assert_eq!(serde_json::from_str::<Mode>(&json).unwrap(), mode);
        }
    }

    #[test]
    fn counts_get_and_serde() {
        let counts = Counts {
            zishu: 1,
            chars: 2,
            chars_with_spaces: 3,
        };
        assert_eq!(counts.get(Mode::Zishu), 1);
        assert_eq!(counts.get(Mode::Chars), 2);
        assert_eq!(counts.get(Mode::CharsWithSpaces), 3);
        let json = serde_json::to_string(&counts).unwrap();
        assert_eq!(json, r#"{"zishu":1,"chars":2,"chars_with_spaces":3}"#);
        assert_eq!(serde_json::from_str::<Counts>(&json).unwrap(), counts);
    }

    /// Every scalar the fast path treats as "plain" must have a Grapheme_Cluster_Break value that
    /// never joins with a plain neighbour. Each probe pins down one class that would: a join after
    /// 'a' means Extend/ZWJ/SpacingMark, before 'a' Prepend, before LF CR, before a regional
    /// indicator a regional indicator, before the jamo or syllables a Hangul class.
    #[test]
    fn plain_scalars_always_break_against_plain_neighbours() {
        let joins = |s: &str| s.graphemes(true).count() < s.chars().count();
        let mut checked = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| info(c, true).plain)
        {
            let probes = [
                format!("a{c}"),
                format!("{c}a"),
                format!("{c}\n"),
                format!("{c}\u{1F1E6}"),
                format!("{c}\u{1100}"),
                format!("{c}\u{1161}"),
                format!("{c}\u{11A8}"),
                format!("{c}\u{AC00}"),
            ];
            for probe in &probes {
                assert!(!joins(probe), "U+{:04X} is not plain: {probe:?}", c as u32);
            }
            checked += 1;
        }
        assert!(checked > 100_000);
    }

    #[test]
    fn classification_matches_the_rules_for_every_scalar() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for opts in [ZH, NO_ZH] {
                assert_eq!(
                    info(c, opts.zh_punct).class,
                    ref_class(c, opts),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Limits

    #[test]
    fn limit_state_boundaries() {
        use LimitState::*;
        assert_eq!(limit_state(0, 400, 0.9), Ok { remaining: 400 });
        assert_eq!(limit_state(359, 400, 0.9), Ok { remaining: 41 });
        assert_eq!(limit_state(360, 400, 0.9), Near { remaining: 40 });
        assert_eq!(limit_state(399, 400, 0.9), Near { remaining: 1 });
        assert_eq!(limit_state(400, 400, 0.9), Near { remaining: 0 });
        assert_eq!(limit_state(401, 400, 0.9), Over { excess: 1 });
        assert_eq!(limit_state(520, 400, 0.9), Over { excess: 120 });
        // ceil: 90% of 401 is 360.9
        assert_eq!(limit_state(360, 401, 0.9), Ok { remaining: 41 });
        assert_eq!(limit_state(361, 401, 0.9), Near { remaining: 40 });
        // 0.3f32 is a hair above 0.3; 3 of 10 is still the threshold.
        assert_eq!(limit_state(2, 10, 0.3), Ok { remaining: 8 });
        assert_eq!(limit_state(3, 10, 0.3), Near { remaining: 7 });
        assert_eq!(limit_state(300, 500, 0.6), Near { remaining: 200 });
        assert_eq!(limit_state(299, 500, 0.6), Ok { remaining: 201 });
    }

    #[test]
    fn limit_state_zero_limit() {
        assert_eq!(limit_state(0, 0, 0.9), LimitState::Near { remaining: 0 });
        assert_eq!(limit_state(1, 0, 0.9), LimitState::Over { excess: 1 });
    }

    #[test]
    fn limit_state_clamps_the_ratio() {
        use LimitState::*;
        for high in [1.0, 1.5, f32::INFINITY] {
            assert_eq!(limit_state(9, 10, high), Ok { remaining: 1 });
            assert_eq!(limit_state(10, 10, high), Near { remaining: 0 });
        }
        for low in [0.0, -0.0, -1.0, f32::NEG_INFINITY, f32::MIN_POSITIVE] {
            assert_eq!(limit_state(0, 10, low), Ok { remaining: 10 });
            assert_eq!(limit_state(1, 10, low), Near { remaining: 9 });
        }
        assert_eq!(limit_state(8, 10, f32::NAN), Ok { remaining: 2 });
        assert_eq!(limit_state(9, 10, f32::NAN), Near { remaining: 1 });
        assert_eq!(
            limit_state(usize::MAX, usize::MAX, 0.9),
            Near { remaining: 0 }
        );
        assert_eq!(
            limit_state(0, usize::MAX, 0.9),
            Ok {
                remaining: usize::MAX
            }
        );
    }

    #[test]
    fn limit_state_serializes() {
        let json = serde_json::to_string(&LimitState::Over { excess: 3 }).unwrap();
        assert_eq!(json, r#"{"Over":{"excess":3}}"#);
    }

    #[test]
    fn overflow_start_cases() {
        let text = "中文测试";
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 4), None);
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 3), Some(9));
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 0), Some(0));

        // The overflowing English word is marked from its first letter in zishu, from the
        // letter past the limit in chars, and from the space in chars_with_spaces.
        let text = "我们使用 TensorFlow 框架";
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 4), Some(13));
        assert_eq!(overflow_start(text, Mode::Chars, ZH, 6), Some(15));
        assert_eq!(overflow_start(text, Mode::CharsWithSpaces, ZH, 4), Some(12));
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 7), None);
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 6), Some(27));

        let text = "ab cd";
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 1), Some(3));
        assert_eq!(overflow_start(text, Mode::Chars, ZH, 3), Some(4));

        // CRLF: line breaks never count, offsets stay byte offsets into the original text.
        let text = "第一行\r\n第二行";
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 3), Some(11));
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 4), Some(14));
        assert_eq!(overflow_start(text, Mode::CharsWithSpaces, ZH, 5), Some(17));
        assert_eq!(overflow_start(text, Mode::Zishu, ZH, 6), None);

        // Invisibles before a run are not part of the overflow.
        assert_eq!(overflow_start("\u{200B}abc", Mode::Zishu, ZH, 0), Some(3));
        assert_eq!(overflow_start("  x", Mode::Zishu, ZH, 0), Some(2));
        assert_eq!(overflow_start("  x", Mode::CharsWithSpaces, ZH, 0), Some(0));
        // A cluster is marked whole: the family emoji starts at its first scalar.
        let text = "家庭👨\u{200D}👩\u{200D}👧";
        assert_eq!(overflow_start(text, Mode::Chars, ZH, 2), Some(6));
        assert_eq!(overflow_start("", Mode::Zishu, ZH, 0), None);
        assert_eq!(overflow_start("\n\r\n", Mode::CharsWithSpaces, ZH, 0), None);
    }

    // ---------------------------------------------------------------------------------------
    // Properties

    /// Pieces chosen to hit every path: CJK, ASCII, punctuation of both widths, emoji with ZWJ,
    /// skin tones, flags and keycaps, combining marks, Hangul jamo, Indic conjuncts, prepended
    /// marks, invisibles, every kind of whitespace and line break, lone and paired CR/LF.
    const ALPHABET: &[&str] = &[
        "中",
        "文",
        "测",
        "𠮷",
        "\u{30000}",
        "、",
        "。",
        "，",
        "：",
        "（",
        "）",
        "「",
        "」",
        "《",
        "》",
        "１",
        "Ａ",
        "ｶ",
        "\u{FF9E}",
        "\u{FFA0}",
        "\u{3164}",
        "한",
        "\u{1100}",
        "\u{1161}",
        "\u{11A8}",
        "\u{115F}",
        "\u{1160}",
        "か",
        "\u{3099}",
        "\u{302A}",
        "⼯",
        "a",
        "Z",
        "5",
        "%",
        ".",
        "-",
        "/",
        ":",
        "+",
        "@",
        "·",
        "—",
        "―",
        "‖",
        "‘",
        "’",
        "“",
        "”",
        "‥",
        "…",
        "‧",
        "※",
        "⋯",
        "①",
        "℃",
        "±",
        "é",
        "e\u{301}",
        "\u{301}",
        "\u{20E3}",
        "👍",
        "🏻",
        "👨",
        "👩",
        "\u{200D}",
        "\u{200C}",
        "❤",
        "\u{FE0F}",
        "\u{FE0E}",
        "\u{E0100}",
        "🇨",
        "🇳",
        "🇺",
        "1\u{FE0F}\u{20E3}",
        "👨\u{200D}👩\u{200D}👧",
        "क",
        "्",
        "ष",
        "ि",
        "\u{600}",
        "١",
        "\u{200B}",
        "\u{FEFF}",
        "\u{AD}",
        "\u{202B}",
        "\u{2066}",
        "\u{E0001}",
        "\u{1}",
        "\u{7F}",
        "\u{9F}",
        " ",
        "\t",
        "\u{A0}",
        "\u{3000}",
        "\u{2003}",
        "\n",
        "\r",
        "\r\n",
        "\u{0B}",
        "\u{0C}",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
    ];

    fn rich_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(ALPHABET), 0..64).prop_map(|v| v.concat())
    }

    fn whole_cluster_text() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "中",
            "𠮷",
            "、",
            "“",
            "—",
            "…",
            "１",
            "한",
            "a",
            "5",
            "%",
            ".",
            "👍",
            "👍🏻",
            "👨\u{200D}👩\u{200D}👧",
            "🇨🇳",
            "1\u{FE0F}\u{20E3}",
            "e\u{301}",
            "\u{200B}",
            "\u{FEFF}",
            "\n",
            "\r\n",
            "\t",
            " ",
            "\u{3000}",
            "\u{A0}",
        ];
        prop::collection::vec(prop::sample::select(PIECES), 0..32).prop_map(|v| v.concat())
    }

    fn any_chars_text() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<char>(), 0..48).prop_map(|v| v.into_iter().collect())
    }

    fn options() -> impl Strategy<Value = Options> {
        any::<bool>().prop_map(|zh_punct| Options { zh_punct })
    }

    fn mode() -> impl Strategy<Value = Mode> {
        prop::sample::select(&Mode::ALL[..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn fast_equals_reference_on_rich_text(text in rich_text(), opts in options()) {
            prop_assert_eq!(count(&text, opts), reference(&text, opts));
        }

        #[test]
        fn fast_equals_reference_on_any_chars(text in any_chars_text(), opts in options()) {
            prop_assert_eq!(count(&text, opts), reference(&text, opts));
        }

        #[test]
        fn fast_equals_reference_on_any_string(text in any::<String>(), opts in options()) {
            prop_assert_eq!(count(&text, opts), reference(&text, opts));
        }

        #[test]
        fn modes_are_ordered(text in prop_oneof![rich_text(), any_chars_text()], opts in options()) {
            let c = count(&text, opts);
            prop_assert!(c.zishu <= c.chars, "{:?}", c);
            prop_assert!(c.chars <= c.chars_with_spaces, "{:?}", c);
        }

        #[test]
        fn line_break_style_does_not_change_counts(text in rich_text(), opts in options()) {
            let lf = text.replace("\r\n", "\n").replace('\r', "\n");
            let expected = count(&lf, opts);
            prop_assert_eq!(count(&lf.replace('\n', "\r\n"), opts), expected);
            prop_assert_eq!(count(&lf.replace('\n', "\r"), opts), expected);
        }

        /// A space ends runs and clusters alike, so counts add up across it (for pieces that are
        /// whole clusters: a leading combining mark would attach to the space).
        #[test]
        fn counts_add_up_across_a_space(
            a in whole_cluster_text(),
            b in whole_cluster_text(),
            opts in options(),
        ) {
            let (ca, cb) = (count(&a, opts), count(&b, opts));
            let joined = count(&format!("{a} {b}"), opts);
            prop_assert_eq!(joined.zishu, ca.zishu + cb.zishu);
            prop_assert_eq!(joined.chars, ca.chars + cb.chars);
            prop_assert_eq!(joined.chars_with_spaces, ca.chars_with_spaces + cb.chars_with_spaces + 1);
        }

        /// What the user sees does not depend on the normalisation form.
        #[test]
        fn chars_are_the_same_in_nfc_and_nfd(
            text in prop_oneof![rich_text(), any_chars_text()],
            opts in options(),
        ) {
            use unicode_normalization::UnicodeNormalization;
            let chars = count(&text, opts).chars;
            prop_assert_eq!(count(&text.nfc().collect::<String>(), opts).chars, chars);
            prop_assert_eq!(count(&text.nfd().collect::<String>(), opts).chars, chars);
        }

        #[test]
        fn only_cjk_units_zishu_equals_chars(
            text in prop::collection::vec(
                prop::sample::select(&["中", "𠮷", "。", "“", "——", "１", "ｶ", "한", "か\u{3099}"][..]),
                0..32,
            ).prop_map(|v| v.concat())
        ) {
            let c = count(&text, ZH);
            prop_assert_eq!(c.zishu, c.chars);
        }

        #[test]
        fn overflow_start_marks_the_first_cluster_past_the_limit(
            text in prop_oneof![rich_text(), any_chars_text()],
            mode in mode(),
            opts in options(),
            limit in 0usize..40,
        ) {
            let found = overflow_start(&text, mode, opts, limit);
            prop_assert_eq!(found, ref_overflow_start(&text, mode, opts, limit));
            match found {
                None => prop_assert!(count_mode(&text, mode, opts) <= limit),
                Some(start) => {
                    prop_assert!(text.is_char_boundary(start));
                    prop_assert_eq!(count_mode(&text[..start], mode, opts), limit);
                }
            }
        }
    }
}
