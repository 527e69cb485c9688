//! Styles and numbering: what a paragraph inherits from its style (name, outline level, list,
//! bold, hidden, symbol font) and the list label Word draws in front of it, computed from
//! numbering.xml (`（一）` from `chineseCounting` and `（%1）`). No crate computes these labels;
//! headings of filled templates are often numbered only there.

use std::collections::HashMap;

use super::xml::{Ev, Ns, PartReader, attr, on};
use super::{DocxError, Limits};

/// What a style sets that the reader uses. `None` means "not set here; ask the base style".
#[derive(Debug, Clone, Default)]
pub struct StyleDef {
    pub name: Option<String>,
    pub based_on: Option<String>,
    pub outline: Option<u8>,
    /// (numId, ilvl)
    pub num: Option<(String, u8)>,
    pub bold: Option<bool>,
    pub vanish: Option<bool>,
    pub font: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// Parsed styles.xml and numbering.xml.
#[derive(Debug, Clone, Default)]
pub struct StyleSheet {
    styles: HashMap<String, StyleDef>,
    default_para: Option<String>,
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

/// The properties a paragraph or run ends up with after following `basedOn`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub name: Option<String>,
    pub outline: Option<u8>,
    pub num: Option<(String, u8)>,
    pub bold: bool,
    pub vanish: bool,
    pub font: Option<String>,
}

impl StyleSheet {
    pub fn parse(
        styles: Option<(&str, &[u8])>,
        numbering: Option<(&str, &[u8])>,
        limits: &Limits,
    ) -> Result<StyleSheet, DocxError> {
        let mut sheet = StyleSheet::default();
        if let Some((name, bytes)) = styles {
            sheet.parse_styles(name, bytes, limits)?;
        }
        if let Some((name, bytes)) = numbering {
            sheet.parse_numbering(name, bytes, limits)?;
        }
        Ok(sheet)
    }

    fn parse_styles(&mut self, part: &str, bytes: &[u8], limits: &Limits) -> Result<(), DocxError> {
        let mut r = PartReader::new(part, bytes, limits.depth);
        let mut current: Option<(String, StyleDef)> = None;
        let mut in_ppr = false;
        let mut in_rpr = false;
        let mut num_id: Option<String> = None;
        let mut ilvl: u8 = 0;
        loop {
            match r.next()? {
                Ev::Start(Ns::W, local, e) | Ev::Empty(Ns::W, local, e) => {
                    match local {
                        b"style" => {
                            let id = attr(&e, b"styleId").unwrap_or_default();
                            let is_para = attr(&e, b"type").as_deref() != Some("character");
                            if is_para
                                && attr(&e, b"type").as_deref() == Some("paragraph")
                                && attr(&e, b"default").is_some_and(|v| v == "1" || v == "true")
                            {
                                self.default_para = Some(id.clone());
                            }
                            current = Some((id, StyleDef::default()));
                            num_id = None;
                            ilvl = 0;
                        }
                        b"pPr" => in_ppr = true,
                        b"rPr" => in_rpr = true,
                        _ => {}
                    }
                    let Some((_, def)) = current.as_mut() else {
                        continue;
                    };
                    match local {
                        b"name" => def.name = attr(&e, b"val"),
                        b"basedOn" => def.based_on = attr(&e, b"val"),
                        b"outlineLvl" if in_ppr => {
                            def.outline = attr(&e, b"val").and_then(|v| v.parse().ok())
                        }
                        b"numId" if in_ppr => num_id = attr(&e, b"val"),
                        b"ilvl" if in_ppr => {
                            ilvl = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                        }
                        b"b" if in_rpr => def.bold = Some(on(&e)),
                        b"vanish" if in_rpr => def.vanish = Some(on(&e)),
                        b"rFonts" if in_rpr => def.font = run_font(&e),
                        _ => {}
                    }
                }
                Ev::End(Ns::W, local) => match local {
                    b"pPr" => {
                        in_ppr = false;
                        if let (Some((_, def)), Some(id)) = (current.as_mut(), num_id.take()) {
                            def.num = Some((id, ilvl));
                        }
                    }
                    b"rPr" => in_rpr = false,
                    b"style" => {
                        if let Some((id, def)) = current.take() {
                            self.styles.insert(id, def);
                        }
                    }
                    _ => {}
                },
                Ev::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn parse_numbering(
        &mut self,
        part: &str,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<(), DocxError> {
        let mut r = PartReader::new(part, bytes, limits.depth);
        let mut abs: Option<(String, HashMap<u8, Level>)> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
        let mut override_lvl: Option<u8> = None;
        loop {
            match r.next()? {
                Ev::Start(Ns::W, local, e) | Ev::Empty(Ns::W, local, e) => match local {
                    b"abstractNum" => {
                        abs = Some((
                            attr(&e, b"abstractNumId").unwrap_or_default(),
                            HashMap::new(),
                        ))
                    }
                    b"lvl" if abs.is_some() => {
                        let ilvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    b"start" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.start = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = attr(&e, b"val").unwrap_or_default();
                        }
                    }
                    b"lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.text = attr(&e, b"val").unwrap_or_default();
                        }
                    }
                    b"num" => {
                        num = Some((
                            attr(&e, b"numId").unwrap_or_default(),
                            String::new(),
                            HashMap::new(),
                        ))
                    }
                    b"abstractNumId" => {
                        if let Some((_, a, _)) = num.as_mut() {
                            *a = attr(&e, b"val").unwrap_or_default();
                        }
                    }
                    b"lvlOverride" => {
                        override_lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                    }
                    b"startOverride" => {
                        if let (Some((_, _, o)), Some(l)) = (num.as_mut(), override_lvl) {
                            o.insert(
                                l,
                                attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1),
                            );
                        }
                    }
                    _ => {}
                },
                Ev::End(Ns::W, local) => match local {
                    b"lvl" => {
                        if let (Some((_, levels)), Some((i, l))) = (abs.as_mut(), level.take()) {
                            levels.insert(i, l);
                        }
                    }
                    b"abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            self.abstracts.insert(id, levels);
                        }
                    }
                    b"num" => {
                        if let Some((id, a, o)) = num.take() {
                            self.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                Ev::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The style a paragraph without `pStyle` has.
    pub fn default_para(&self) -> Option<&str> {
        self.default_para.as_deref()
    }

    /// Follows `basedOn` from `id` (at most 32 steps: a cycle is not followed forever).
    pub fn resolve(&self, id: Option<&str>) -> Resolved {
        let mut out = Resolved::default();
        let (mut name_set, mut outline_set, mut num_set) = (false, false, false);
        let (mut bold_set, mut vanish_set, mut font_set) = (false, false, false);
        let mut cur = id.map(str::to_string);
        for _ in 0..32 {
            let Some(def) = cur.as_ref().and_then(|c| self.styles.get(c)) else {
                break;
            };
            if !name_set {
                out.name = def.name.clone().or_else(|| cur.clone());
                name_set = true;
            }
            if !outline_set && def.outline.is_some() {
                out.outline = def.outline;
                outline_set = true;
            }
            if !num_set && def.num.is_some() {
                out.num = def.num.clone();
                num_set = true;
            }
            if !bold_set && let Some(b) = def.bold {
                out.bold = b;
                bold_set = true;
            }
            if !vanish_set && let Some(v) = def.vanish {
                out.vanish = v;
                vanish_set = true;
            }
            if !font_set && def.font.is_some() {
                out.font = def.font.clone();
                font_set = true;
            }
            cur = def.based_on.clone();
        }
        if out.name.is_none() {
            out.name = id.map(str::to_string);
        }
        // Built-in heading styles carry their level in the name when styles.xml omits it.
        if out.outline.is_none()
            && let Some(n) = out.name.as_deref()
            && let Some(rest) = n.to_ascii_lowercase().strip_prefix("heading ")
            && let Ok(level) = rest.trim().parse::<u8>()
            && (1..=9).contains(&level)
        {
            out.outline = Some(level - 1);
        }
        out
    }

    /// The label of the next item of list `num_id` at `ilvl`, advancing the counters.
    pub fn next_label(&self, counters: &mut Counters, num_id: &str, ilvl: u8) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let (abs_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs_id)?;
        let level = levels.get(&ilvl)?;
        let start_of = |l: u8| {
            overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|lv| lv.start))
                .unwrap_or(1)
        };
        let state = counters.0.entry(num_id.to_string()).or_default();
        let value = match state.get(&ilvl) {
            Some(v) => v + 1,
            None => start_of(ilvl),
        };
        state.insert(ilvl, value);
        // A higher level restarts the ones below it.
        state.retain(|l, _| *l <= ilvl);
        if level.format == "none" {
            return Some(String::new());
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let l = (d as u8).saturating_sub(1);
                let v = state.get(&l).copied().unwrap_or_else(|| start_of(l));
                let fmt = levels.get(&l).map(|lv| lv.format.as_str()).unwrap_or("");
                label.push_str(&format_number(v, fmt));
            } else {
                label.push(c);
            }
        }
        Some(label)
    }
}

/// The current value of every list level, per list (numId).
#[derive(Debug, Clone, Default)]
pub struct Counters(HashMap<String, HashMap<u8, u32>>);

/// The font a run's `rFonts` names for symbol purposes (any of its slots).
pub fn run_font(e: &quick_xml::events::BytesStart) -> Option<String> {
    [b"ascii".as_slice(), b"hAnsi", b"eastAsia", b"cs"]
        .iter()
        .find_map(|k| attr(e, k))
}

const CN_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// `n` in a numbering format of WordprocessingML.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital"
        | "chineseLegalSimplified" => {
            if format == "ideographDigital" {
                n.to_string()
                    .chars()
                    .map(|c| CN_DIGITS[c.to_digit(10).unwrap_or(0) as usize])
                    .collect()
            } else {
                chinese(n)
            }
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "ideographTraditional" if (1..=10).contains(&n) => {
            ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][n as usize - 1].into()
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    if n == 0 {
        return CN_DIGITS[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let units = ["", "十", "百", "千"];
    let digits: Vec<u32> = n
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0))
        .collect();
    let len = digits.len();
    let mut out = String::new();
    let mut zero = false;
    for (i, d) in digits.iter().enumerate() {
        let unit = units[len - 1 - i];
        if *d == 0 {
            zero = true;
            continue;
        }
        if zero && !out.is_empty() {
            out.push_str(CN_DIGITS[0]);
        }
        zero = false;
        // 十二, not 一十二, when ten is the leading unit.
        if !(*d == 1 && unit == "十" && i == 0) {
            out.push_str(CN_DIGITS[*d as usize]);
        }
        out.push_str(unit);
    }
    out
}

fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    // Word repeats the letter: a…z, aa…zz.
    let letter = (base + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_as_word_draws_them() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (12, "chineseCountingThousand", "十二"),
            (20, "taiwaneseCountingThousand", "二十"),
            (105, "chineseCounting", "一百〇五"),
            (3, "decimal", "3"),
            (3, "decimalFullWidth", "３"),
            (2, "decimalEnclosedCircle", "②"),
            (28, "lowerLetter", "bb"),
            (14, "upperRoman", "XIV"),
            (2, "ideographTraditional", "乙"),
        ];
        for (n, f, want) in cases {
            assert_eq!(format_number(n, f), want, "{n} {f}");
        }
    }
}
