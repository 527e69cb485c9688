//! The summary table as an Excel workbook laid out like the template (附件2): 附件2 at the top
//! left, the title merged across the table in bold, 先导区名称 with （加盖公章）, 填报日期, then the
//! header row in bold with borders and one bordered row per scenario (only the filled rows,
//! numbered 1..n), each row tall enough for its wrapped text. A4 landscape, one page wide, the
//! header repeated on every printed page. A second sheet holds the office's own checks.
//!
//! Written as SpreadsheetML on the zip crate the Word export already uses: two sheets, shared
//! strings and six cell styles are all this needs, and a general workbook library with a second
//! zip stack cost a tenth of the binary.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::summary::{Summary, col};

/// The sheet's name.
pub const SHEET: &str = "推荐汇总表";
/// Excel's limit on the characters of a cell.
const CELL_CHARS: usize = 32_767;
/// The font of the template.
const FONT: &str = "宋体";

/// Rows (0-based) of the fixed lines.
pub const ROW_SUBTITLE: u32 = 0;
pub const ROW_TITLE: u32 = 1;
pub const ROW_ZONE: u32 = 2;
pub const ROW_DATE: u32 = 3;
pub const ROW_HEADER: u32 = 4;

fn width_of(column: &str) -> f64 {
    match column {
        col::SEQ => 6.0,
        col::NAME => 40.0,
        col::DOMAIN => 22.0,
        col::APPLICANT => 32.0,
        col::KEY => 10.0,
        _ => 36.0,
    }
}

/// Lines a text takes in a column `width` characters wide (a CJK character is two), for the
/// row height: spreadsheets do not grow a row for wrapped text by themselves.
fn lines_in(text: &str, width: f64) -> usize {
    use unicode_width::UnicodeWidthStr;
    let usable = (width - 1.0).max(1.0);
    ((text.width() as f64) / usable).ceil().max(1.0) as usize
}

/// Points per line of 11-point text, and the padding of a row.
const LINE_HEIGHT: f64 = 15.0;
const ROW_PADDING: f64 = 5.0;

fn cell(s: &str) -> String {
    if s.chars().count() <= CELL_CHARS {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(CELL_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// The cell styles, in the order of `cellXfs` in the style sheet.
#[derive(Clone, Copy)]
enum Style {
    /// A plain line (附件2, 先导区名称, 填报日期), left-aligned.
    Line = 1,
    /// The title: 16-point bold, centred.
    Title = 2,
    /// A header cell: bold, bordered, centred, wrapped.
    Header = 3,
    /// A body cell: bordered, wrapped, vertically centred.
    Body = 4,
    /// A body cell, centred (序号).
    Centred = 5,
}

enum Value {
    Text(usize),
    Number(f64),
}

/// A row's height in points (when set) and its cells: column, value, style.
type Row = (Option<f64>, Vec<(u16, Value, Style)>);

/// One worksheet being filled in.
struct Sheet {
    name: &'static str,
    /// Column widths in characters, from the first column.
    widths: Vec<f64>,
    /// Row → (height in points, cells by column).
    rows: std::collections::BTreeMap<u32, Row>,
    merges: Vec<(u32, u16, u32, u16)>,
    /// The page setup of the table sent on (A4 landscape, one page wide, header repeated).
    print: bool,
}

impl Sheet {
    fn new(name: &'static str) -> Sheet {
        Sheet {
            name,
            widths: Vec::new(),
            rows: Default::default(),
            merges: Vec::new(),
            print: false,
        }
    }

    fn put(&mut self, row: u32, col: u16, v: Value, s: Style) {
        self.rows.entry(row).or_default().1.push((col, v, s));
    }

    fn height(&mut self, row: u32, points: f64) {
        self.rows.entry(row).or_default().0 = Some(points);
    }
}

/// The workbook's strings, each stored once.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

impl Strings {
    fn add(&mut self, s: &str) -> Value {
        let s = cell(s);
        if let Some(&i) = self.index.get(&s) {
            return Value::Text(i);
        }
        let i = self.list.len();
        self.index.insert(s.clone(), i);
        self.list.push(s);
        Value::Text(i)
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
fn column_name(mut c: u16) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn cell_ref(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// Text for XML: markup escaped, C0 controls (which XML 1.0 cannot hold) left out, and an
/// `_xHHHH_` the applicant typed kept literal (spreadsheets read that pattern as an escape).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            '_' if looks_escaped(&s[i..]) => out.push_str("_x005F_"),
            c => out.push(c),
        }
    }
    out
}

/// `_x` four hex digits `_`.
fn looks_escaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// The width Excel stores for a column of `chars` characters of the default font (7-pixel
/// digits and 5 pixels of padding), so the column shows as that width when opened.
fn stored_width(chars: f64) -> f64 {
    let pixels = (chars * 7.0 + 0.5).trunc() + 5.0;
    (pixels / 7.0 * 256.0).trunc() / 256.0
}

fn sheet_xml(sheet: &Sheet, selected: bool) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    if sheet.print {
        x.push_str(r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#);
    }
    let last_row = sheet.rows.keys().next_back().copied().unwrap_or(0);
    let last_col = sheet
        .rows
        .values()
        .flat_map(|(_, cells)| cells.iter().map(|(c, _, _)| *c))
        .chain(sheet.merges.iter().map(|m| m.3))
        .max()
        .unwrap_or(0);
    let _ = write!(
        x,
        r#"<dimension ref="A1:{}"/><sheetViews><sheetView{} workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#,
        cell_ref(last_row, last_col),
        if selected { r#" tabSelected="1""# } else { "" }
    );
    if !sheet.widths.is_empty() {
        x.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            let _ = write!(
                x,
                r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
                stored_width(*w),
                n = i + 1
            );
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (row, (height, cells)) in &sheet.rows {
        let _ = write!(x, r#"<row r="{}""#, row + 1);
        if let Some(h) = height {
            let _ = write!(x, r#" ht="{h}" customHeight="1""#);
        }
        x.push('>');
        let mut cells: Vec<&(u16, Value, Style)> = cells.iter().collect();
        cells.sort_by_key(|c| c.0);
        for (c, v, s) in cells {
            let r = cell_ref(*row, *c);
            let s = *s as u8;
            match v {
                Value::Text(i) => {
                    let _ = write!(x, r#"<c r="{r}" s="{s}" t="s"><v>{i}</v></c>"#);
                }
                Value::Number(n) => {
                    let _ = write!(x, r#"<c r="{r}" s="{s}"><v>{n}</v></c>"#);
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        let _ = write!(x, r#"<mergeCells count="{}">"#, sheet.merges.len());
        for (r1, c1, r2, c2) in &sheet.merges {
            let _ = write!(
                x,
                r#"<mergeCell ref="{}:{}"/>"#,
                cell_ref(*r1, *c1),
                cell_ref(*r2, *c2)
            );
        }
        x.push_str("</mergeCells>");
    }
    if sheet.print {
        x.push_str(r#"<printOptions horizontalCentered="1"/>"#);
    }
    x.push_str(
        r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#,
    );
    if sheet.print {
        x.push_str(
            r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#,
        );
    }
    x.push_str("</worksheet>");
    x
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#,
    "</Relationships>"
);

const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>tianbiao</Application></Properties>"#
);

/// Fonts 0 (宋体 11), 1 (bold), 2 (16-point bold); borders 0 (none), 1 (thin all round); the
/// cell styles in [`Style`] order after the default.
fn styles_xml() -> String {
    let font = |extra: &str, size: u32| {
        format!(r#"<font>{extra}<sz val="{size}"/><name val="{FONT}"/><charset val="134"/></font>"#)
    };
    let thin = r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>"#;
    let xf = |font: u8, border: u8, align: &str| {
        let mut a =
            format!(r#"<xf numFmtId="0" fontId="{font}" fillId="0" borderId="{border}" xfId="0""#);
        if font != 0 {
            a.push_str(r#" applyFont="1""#);
        }
        if border != 0 {
            a.push_str(r#" applyBorder="1""#);
        }
        if align.is_empty() {
            a.push_str("/>");
        } else {
            let _ = write!(a, r#" applyAlignment="1"><alignment {align}/></xf>"#);
        }
        a
    };
    [
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        )
        .to_string(),
        format!(
            r#"<fonts count="3">{}{}{}</fonts>"#,
            font("", 11),
            font("<b/>", 11),
            font("<b/>", 16)
        ),
        r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#.into(),
        format!(r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>{thin}</borders>"#),
        r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#.into(),
        format!(
            r#"<cellXfs count="6">{}{}{}{}{}{}</cellXfs>"#,
            xf(0, 0, ""),
            xf(0, 0, r#"horizontal="left""#),
            xf(2, 0, r#"horizontal="center" vertical="center""#),
            xf(1, 1, r#"horizontal="center" vertical="center" wrapText="1""#),
            xf(0, 1, r#"vertical="center" wrapText="1""#),
            xf(0, 1, r#"horizontal="center" vertical="center" wrapText="1""#),
        ),
        r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#.into(),
        "</styleSheet>".into(),
    ]
    .concat()
}

/// The workbook's bytes. `created` (seconds since 1970) fixes the document's creation time, for
/// reproducible files (`SOURCE_DATE_EPOCH`); the clock otherwise.
pub fn to_xlsx(s: &Summary, created: Option<i64>) -> Vec<u8> {
    let mut strings = Strings::default();

    let mut ws = Sheet::new(SHEET);
    ws.print = true;
    let head = s.header();
    let last = (head.len() - 1) as u16;
    let column_ids = [col::SEQ, col::NAME, col::DOMAIN, col::APPLICANT];
    ws.widths = column_ids.iter().map(|id| width_of(id)).collect();

    if let Some(sub) = &s.form.subtitle {
        ws.put(ROW_SUBTITLE, 0, strings.add(sub), Style::Line);
    }
    ws.height(ROW_TITLE, 36.0);
    for (row, text, style) in [
        (ROW_TITLE, s.form.title.clone(), Style::Title),
        (ROW_ZONE, s.zone_line(), Style::Line),
        (ROW_DATE, s.date_line(), Style::Line),
    ] {
        ws.put(row, 0, strings.add(&text), style);
        ws.merges.push((row, 0, row, last));
    }

    ws.height(ROW_HEADER, 24.0);
    for (i, h) in head.iter().enumerate() {
        ws.put(ROW_HEADER, i as u16, strings.add(h), Style::Header);
    }
    for (r, (seq, row)) in s.ministry_rows().into_iter().enumerate() {
        let y = ROW_HEADER + 1 + r as u32;
        let cells = s.cells(seq, row);
        let lines = cells
            .iter()
            .zip(&column_ids)
            .map(|(c, id)| lines_in(c, width_of(id)))
            .max()
            .unwrap_or(1);
        ws.height(y, (lines as f64 * LINE_HEIGHT + ROW_PADDING).max(22.0));
        for (i, c) in cells.iter().enumerate() {
            if column_ids.get(i) == Some(&col::SEQ) {
                ws.put(y, i as u16, Value::Number(seq as f64), Style::Centred);
            } else {
                ws.put(y, i as u16, strings.add(c), Style::Body);
            }
        }
    }

    // The office's own checks, on a second sheet that is not part of the copy sent on.
    let mut review = Sheet::new(super::summary::doc::REVIEW_SHEET);
    let head = s.review_header();
    for (i, h) in head.iter().enumerate() {
        review.widths.push(match i {
            0 => 6.0,
            1 => 30.0,
            _ if h == super::summary::doc::SOURCE => 36.0,
            _ if h == super::summary::doc::CHECK => 30.0,
            _ => 10.0,
        });
        review.put(0, i as u16, strings.add(h), Style::Header);
    }
    for (r, row) in s.rows.iter().enumerate() {
        for (i, c) in s.review_cells(row).iter().enumerate() {
            review.put(1 + r as u32, i as u16, strings.add(c), Style::Body);
        }
    }
    if let Some(k) = s.key_line() {
        review.put(2 + s.rows.len() as u32, 0, strings.add(&k), Style::Line);
    }

    let sheets = [&ws, &review];
    let mut workbook = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#
    ));
    for (i, sh) in sheets.iter().enumerate() {
        let _ = write!(
            workbook,
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            esc(sh.name),
            n = i + 1
        );
    }
    // The header row repeated on every printed page of the table sent on.
    let _ = write!(
        workbook,
        r#"</sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'{}'!${r}:${r}</definedName></definedNames></workbook>"#,
        esc(SHEET),
        r = ROW_HEADER + 1
    );

    let mut shared = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">"#
        ),
        n = strings.list.len()
    );
    for t in &strings.list {
        let space = if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) {
            r#" xml:space="preserve""#
        } else {
            ""
        };
        let _ = write!(shared, "<si><t{space}>{}</t></si>", esc(t));
    }
    shared.push_str("</sst>");

    let when = created
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .unwrap_or_else(chrono::Utc::now)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let core = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>tianbiao</dc:creator>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = esc(&s.form.title),
        when = when
    );

    let parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("docProps/app.xml", APP.into()),
        ("docProps/core.xml", core.into_bytes()),
        ("xl/workbook.xml", workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
        ("xl/styles.xml", styles_xml().into_bytes()),
        ("xl/sharedStrings.xml", shared.into_bytes()),
        (
            "xl/worksheets/sheet1.xml",
            sheet_xml(&ws, true).into_bytes(),
        ),
        (
            "xl/worksheets/sheet2.xml",
            sheet_xml(&review, false).into_bytes(),
        ),
    ];
    crate::export::docx::zip_package(
        parts
            .iter()
            .map(|(name, bytes)| (*name, bytes.as_slice(), true)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_a_spreadsheet() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_ref(4, 3), "D5");
    }

    #[test]
    fn text_is_escaped_for_xml_and_spreadsheet_escapes_stay_literal() {
        assert_eq!(esc("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(esc("x\u{1b}]0;t\u{7}y"), "x]0;ty");
        assert_eq!(esc("_x0041_ 与 _x_"), "_x005F_x0041_ 与 _x_");
        assert_eq!(esc("行\n二"), "行\n二");
    }

    #[test]
    fn column_widths_are_stored_as_excel_shows_them() {
        assert_eq!(stored_width(6.0), 6.7109375);
        assert_eq!(stored_width(40.0), 40.7109375);
    }
}
