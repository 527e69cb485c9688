//! The summary table as an Excel workbook laid out like the template (附件2): 附件2 at the top
//! left, the title merged across the table in bold, 先导区名称 with （加盖公章）, 填报日期, then the
//! header row in bold with borders and one bordered row per scenario (only the filled rows,
//! numbered 1..n), each row tall enough for its wrapped text. A4 landscape, one page wide, the
//! header repeated on every printed page.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

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

/// The workbook's bytes. `created` (seconds since 1970) fixes the document's creation time, for
/// reproducible files (`SOURCE_DATE_EPOCH`); the clock otherwise.
pub fn to_xlsx(s: &Summary, created: Option<i64>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let mut props = DocProperties::new().set_title(&s.form.title);
    if let Some(t) = created {
        props = props.set_creation_datetime(&ExcelDateTime::from_timestamp(t)?);
    }
    wb.set_properties(&props);

    let base = Format::new().set_font_name(FONT).set_font_size(11);
    let title = base
        .clone()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let line = base.clone().set_align(FormatAlign::Left);
    let header = base
        .clone()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let body = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let centred = body.clone().set_align(FormatAlign::Center);

    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let head = s.header();
    let last = (head.len() - 1) as u16;
    let column_ids = [col::SEQ, col::NAME, col::DOMAIN, col::APPLICANT];
    for (i, id) in column_ids.iter().enumerate() {
        ws.set_column_width(i as u16, width_of(id))?;
    }

    if let Some(sub) = &s.form.subtitle {
        ws.write_string_with_format(ROW_SUBTITLE, 0, cell(sub), &line)?;
    }
    ws.set_row_height(ROW_TITLE, 36)?;
    ws.merge_range(ROW_TITLE, 0, ROW_TITLE, last, &cell(&s.form.title), &title)?;
    ws.merge_range(ROW_ZONE, 0, ROW_ZONE, last, &cell(&s.zone_line()), &line)?;
    ws.merge_range(ROW_DATE, 0, ROW_DATE, last, &cell(&s.date_line()), &line)?;

    ws.set_row_height(ROW_HEADER, 24)?;
    for (i, h) in head.iter().enumerate() {
        ws.write_string_with_format(ROW_HEADER, i as u16, cell(h), &header)?;
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
        ws.set_row_height(y, (lines as f64 * LINE_HEIGHT + ROW_PADDING).max(22.0))?;
        for (i, c) in cells.iter().enumerate() {
            if column_ids[i] == col::SEQ {
                ws.write_number_with_format(y, i as u16, seq as f64, &centred)?;
            } else {
                ws.write_string_with_format(y, i as u16, cell(c), &body)?;
            }
        }
    }
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(ROW_HEADER, ROW_HEADER)?;

    // The office's own checks, on a second sheet that is not part of the copy sent on.
    let review = wb.add_worksheet();
    review.set_name(super::summary::doc::REVIEW_SHEET)?;
    let head = s.review_header();
    for (i, h) in head.iter().enumerate() {
        let width = match i {
            0 => 6.0,
            1 => 30.0,
            _ if h == super::summary::doc::SOURCE => 36.0,
            _ if h == super::summary::doc::CHECK => 30.0,
            _ => 10.0,
        };
        review.set_column_width(i as u16, width)?;
        review.write_string_with_format(0, i as u16, cell(h), &header)?;
    }
    for (r, row) in s.rows.iter().enumerate() {
        for (i, c) in s.review_cells(row).iter().enumerate() {
            review.write_string_with_format(1 + r as u32, i as u16, cell(c), &body)?;
        }
    }
    if let Some(k) = s.key_line() {
        review.write_string_with_format(2 + s.rows.len() as u32, 0, cell(&k), &line)?;
    }
    wb.save_to_buffer()
}
