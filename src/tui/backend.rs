//! The terminal writer: a ratatui backend that sends as little as it can (each keystroke crosses
//! slow SSH links) and never leaves half of a wide character on the screen.
//!
//! It keeps its own model of what the terminal shows — the symbol, style and width of every
//! cell, the pen (SGR) state and the cursor — and after every frame writes only the cells whose
//! wanted content differs from that model: no colour reset at the end of a frame, no show-cursor
//! when the cursor is shown, the shortest cursor moves and colour codes (30–37/90–97 for the
//! sixteen named colours). Writing over either half of a wide character wipes the other half in
//! some terminals (urxvt leaves an empty box there), so the model marks that half as broken and
//! the same frame rewrites it.
//!
//! When the terminal draws East Asian Ambiguous characters two cells wide, the layout reserves
//! a filler cell after each of them (see `view::text`) and this writer never prints the filler.
//! An ambiguous character the layout did not reserve room for (text inside the editing widget)
//! is sent as a one-cell look-alike, so the character after it is never swallowed; the stored
//! text is never changed.

use std::io::{self, Write};

use compact_str::CompactString;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// How the terminal measures characters whose width Unicode leaves to the context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ambiguous {
    /// One cell (the default of nearly every terminal, and what ratatui assumes).
    #[default]
    Narrow,
    /// Two cells (xterm `cjkWidth`, VTE/PuTTY/iTerm2 "ambiguous characters are wide").
    Wide,
}

/// The cell the layout reserves after an ambiguous character for an ambiguous-wide terminal:
/// covered by that character's right half, never printed (defined with the line breaking,
/// which keeps it with its character).
pub use crate::text::wrap::FILLER;
const FILLER_STR: &str = "\u{E000}";

/// The largest screen we draw. A terminal (or a hostile client) can report 20000×20000; the
/// buffers for that would not fit in memory. Beyond this, the rest of the window stays blank.
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 250;

/// Width in terminal cells of one grapheme as the terminal draws it.
pub fn terminal_width(sym: &str, amb: Ambiguous) -> usize {
    if sym.len() == 1 {
        return laid_width(sym);
    }
    let w = match amb {
        Ambiguous::Narrow => sym.width(),
        Ambiguous::Wide => sym.width_cjk(),
    };
    w.clamp(1, 2)
}

/// Width in cells of one grapheme as ratatui lays it out. ASCII (one byte) is one cell without
/// a table lookup: most cells of a frame are ASCII.
fn laid_width(sym: &str) -> usize {
    if sym.len() == 1 {
        return 1;
    }
    sym.width().clamp(1, 2)
}

/// Whether a grapheme is drawn wider by an ambiguous-wide terminal than ratatui lays it out.
pub fn is_ambiguous(sym: &str) -> bool {
    sym.width_cjk() > sym.width()
}

/// A one-cell stand-in for an ambiguous character in a spot laid out as one cell.
fn narrow_look_alike(sym: &str) -> &'static str {
    match sym.chars().next().unwrap_or(' ') {
        '“' | '”' | '„' | '″' => "\"",
        '‘' | '’' | '′' => "'",
        '—' | '―' | '–' | '‐' | '─' | '━' => "-",
        '…' | '⋯' | '·' | '‧' | '•' | '∙' => ".",
        '│' | '┃' | '‖' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => "+",
        '×' => "x",
        '※' | '★' | '☆' => "*",
        '○' | '●' | '◎' => "o",
        '→' => ">",
        '←' => "<",
        '↑' => "^",
        '↓' => "v",
        '°' => "o",
        _ => "?",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    mods: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        mods: Modifier::empty(),
    };
    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            mods: cell.modifier,
        }
    }
}

/// What one terminal cell holds, as far as we know.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    /// A character starting here, `width` cells wide.
    Lead {
        sym: CompactString,
        pen: Pen,
        width: u8,
    },
    /// The right half of the wide character to the left.
    Trail,
    /// Unknown: half of a wide character whose other half was overwritten, or never drawn.
    Broken,
}

/// The ratatui backend for the editor and the review screen. `W` is the tty (or a byte buffer
/// in tests and benchmarks).
pub struct TtyBackend<W: Write> {
    out: W,
    /// Bytes of the frame being drawn, written in one go on `flush`.
    pending: Vec<u8>,
    /// A fixed size for tests and benchmarks; `None` asks the tty.
    fixed: Option<Size>,
    amb: Ambiguous,
    width: u16,
    height: u16,
    /// What ratatui wants on the screen.
    want: Vec<Cell>,
    /// What the terminal shows.
    shown: Vec<Shown>,
    /// Rows whose wanted content changed since the last frame.
    dirty: Vec<bool>,
    cursor: Option<(u16, u16)>,
    visible: Option<bool>,
    pen: Option<Pen>,
}

impl<W: Write> TtyBackend<W> {
    /// A backend on a real terminal, asking it for its size.
    pub fn new(out: W, amb: Ambiguous) -> Self {
        Self::build(out, None, amb)
    }

    /// A backend of a fixed size (tests, benchmarks).
    pub fn with_size(out: W, width: u16, height: u16, amb: Ambiguous) -> Self {
        Self::build(out, Some(Size::new(width, height)), amb)
    }

    fn build(out: W, fixed: Option<Size>, amb: Ambiguous) -> Self {
        let mut b = TtyBackend {
            out,
            pending: Vec::with_capacity(8192),
            fixed,
            amb,
            width: 0,
            height: 0,
            want: Vec::new(),
            shown: Vec::new(),
            dirty: Vec::new(),
            cursor: None,
            visible: None,
            pen: None,
        };
        let size = b.size().unwrap_or(Size::new(80, 24));
        b.reshape(size.width.min(MAX_COLS), size.height.min(MAX_ROWS));
        b
    }

    /// The writer (tests read what was sent).
    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Changes a fixed size (tests: the terminal was resized).
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.fixed = Some(Size::new(width, height));
    }

    pub fn ambiguous(&self) -> Ambiguous {
        self.amb
    }

    /// Forgets what the terminal shows, so the next frame repaints every cell: after another
    /// program or a suspend wrote to the screen.
    pub fn forget(&mut self) {
        self.shown.fill(Shown::Broken);
        self.dirty.fill(true);
        self.cursor = None;
        self.visible = None;
        self.pen = None;
    }

    fn reshape(&mut self, w: u16, h: u16) {
        self.width = w;
        self.height = h;
        let n = w as usize * h as usize;
        self.want = vec![Cell::default(); n];
        self.shown = vec![Shown::Broken; n];
        self.dirty = vec![true; h as usize];
        self.cursor = None;
    }

    /// Takes on a new terminal size: everything is unknown until repainted.
    fn follow_size(&mut self) -> io::Result<()> {
        let size = self.size()?;
        let (w, h) = (size.width.min(MAX_COLS), size.height.min(MAX_ROWS));
        if w != self.width || h != self.height {
            self.reshape(w, h);
        }
        Ok(())
    }

    fn idx(&self, x: u16, y: u16) -> usize {
        y as usize * self.width as usize + x as usize
    }

    fn csi(&mut self, body: std::fmt::Arguments) {
        self.pending.extend_from_slice(b"\x1b[");
        let _ = self.pending.write_fmt(body);
    }

    /// Moves the cursor the cheapest way.
    fn move_to(&mut self, x: u16, y: u16) {
        if self.cursor == Some((x, y)) {
            return;
        }
        match self.cursor {
            Some((cx, cy)) if cy == y => {
                if x == 0 {
                    self.pending.push(b'\r');
                } else if x > cx {
                    let n = x - cx;
                    if n == 1 {
                        self.pending.extend_from_slice(b"\x1b[C");
                    } else {
                        self.csi(format_args!("{n}C"));
                    }
                } else {
                    let n = cx - x;
                    if n == 1 {
                        self.pending.extend_from_slice(b"\x1b[D");
                    } else {
                        self.csi(format_args!("{}G", x + 1));
                    }
                }
            }
            Some((cx, cy)) if cx == x && y > cy => {
                let n = y - cy;
                if n == 1 {
                    self.pending.extend_from_slice(b"\x1b[B");
                } else {
                    self.csi(format_args!("{n}B"));
                }
            }
            _ => {
                if x == 0 && y == 0 {
                    self.pending.extend_from_slice(b"\x1b[H");
                } else if x == 0 {
                    self.csi(format_args!("{}H", y + 1));
                } else {
                    self.csi(format_args!("{};{}H", y + 1, x + 1));
                }
            }
        }
        self.cursor = Some((x, y));
    }

    /// Sets the pen with the shortest SGR sequence from the current one.
    fn set_pen(&mut self, to: Pen) {
        let from = self.pen;
        if from == Some(to) {
            return;
        }
        let full = sgr_full(to);
        let seq = match from {
            Some(f) => {
                let inc = sgr_incremental(f, to);
                if inc.len() < full.len() { inc } else { full }
            }
            None => full,
        };
        if !seq.is_empty() {
            self.pending.extend_from_slice(b"\x1b[");
            self.pending.extend_from_slice(seq.as_bytes());
            self.pending.push(b'm');
        }
        self.pen = Some(to);
    }

    /// Marks the cells a write of `width` cells at `i` disturbs: the halves of wide characters
    /// cut by it become broken.
    fn disturb(&mut self, row_start: usize, x: usize, width: usize) {
        let w = self.width as usize;
        // A trail at the first cell: its lead (to the left) loses its right half.
        if matches!(self.shown[row_start + x], Shown::Trail) {
            let mut l = x;
            while l > 0 && matches!(self.shown[row_start + l], Shown::Trail) {
                l -= 1;
            }
            self.shown[row_start + l] = Shown::Broken;
            for k in l + 1..x {
                self.shown[row_start + k] = Shown::Broken;
            }
        }
        // Cells after the write that were trails of a lead inside it lose their left half.
        let mut k = x + width;
        while k < w && matches!(self.shown[row_start + k], Shown::Trail) {
            self.shown[row_start + k] = Shown::Broken;
            k += 1;
        }
    }

    /// Writes one wanted row where it differs from what is shown.
    fn sync_row(&mut self, y: u16) {
        let w = self.width as usize;
        let row = y as usize * w;
        let mut x = 0usize;
        while x < w {
            let cell = &self.want[row + x];
            let raw = cell.symbol();
            // A stray filler (its ambiguous character was overwritten) is a blank.
            let raw = if raw.is_empty() || raw == FILLER_STR {
                " "
            } else {
                raw
            };
            let tw = terminal_width(raw, self.amb);
            let laid = laid_width(raw);
            // Room the layout gave it: its own width, plus the filler cell after an ambiguous
            // one.
            let reserved = tw > laid && x + 1 < w && self.want[row + x + 1].symbol() == FILLER_STR;
            let room = if reserved { tw } else { laid };
            let (sym, width) = if tw > room || x + tw > w {
                // No room for it as the terminal draws it: a one-cell stand-in.
                if tw == 2 && laid == 1 {
                    (narrow_look_alike(raw), 1)
                } else {
                    (" ", 1)
                }
            } else {
                (raw, tw)
            };
            let pen = Pen::of(cell);
            // Most cells of a frame are what the terminal already shows: compare before
            // building anything.
            let same = matches!(
                &self.shown[row + x],
                Shown::Lead { sym: s, pen: p, width: wd }
                    if s.as_str() == sym && *p == pen && usize::from(*wd) == width
            );
            let trails_ok = (1..width).all(|k| matches!(self.shown[row + x + k], Shown::Trail));
            if !same || !trails_ok {
                let sym = CompactString::new(sym);
                self.disturb(row, x, width);
                self.move_to(x as u16, y);
                self.set_pen(pen);
                self.pending.extend_from_slice(sym.as_bytes());
                self.shown[row + x] = Shown::Lead {
                    sym,
                    pen,
                    width: width as u8,
                };
                for k in 1..width {
                    self.shown[row + x + k] = Shown::Trail;
                }
                let nx = x + width;
                // At the right edge the cursor waits to wrap: its position is unclear.
                self.cursor = (nx < w).then_some((nx as u16, y));
            }
            // Cells the layout reserved beyond the terminal width are covered: skip them.
            x += room.max(width);
        }
    }

    /// Repaints rows until nothing is broken (a write can break a half in a row already done
    /// only within that row, so two passes suffice; a third guards against surprises).
    fn sync(&mut self) {
        for _ in 0..3 {
            let mut any = false;
            // The cursor's row first: a typed character goes where the cursor already is.
            let first = self.cursor.map_or(0, |(_, y)| y);
            let rows = (first..self.height).chain(0..first);
            for y in rows {
                let row = y as usize * self.width as usize;
                let broken = self.shown[row..row + self.width as usize]
                    .iter()
                    .any(|s| matches!(s, Shown::Broken));
                if self.dirty[y as usize] || broken {
                    self.dirty[y as usize] = false;
                    self.sync_row(y);
                    any = true;
                }
            }
            if !any {
                break;
            }
        }
    }
}

fn push_code(s: &mut String, code: &str) {
    if !s.is_empty() {
        s.push(';');
    }
    s.push_str(code);
}

/// Appends the SGR code of a colour (after a `;` when `s` already holds one).
fn push_colour(s: &mut String, c: Color, bg: bool) {
    use std::fmt::Write as _;
    if !s.is_empty() {
        s.push(';');
    }
    let base: u8 = if bg { 10 } else { 0 };
    let named = match c {
        Color::Reset => 39,
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        Color::Indexed(n) => {
            let _ = write!(s, "{};5;{n}", 38 + base);
            return;
        }
        Color::Rgb(r, g, b) => {
            let _ = write!(s, "{};2;{r};{g};{b}", 38 + base);
            return;
        }
    };
    let _ = write!(s, "{}", named + base);
}

const MOD_ON: &[(Modifier, &str)] = &[
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

fn mods_on(s: &mut String, m: Modifier) {
    for (bit, code) in MOD_ON {
        if m.contains(*bit) {
            push_code(s, code);
        }
    }
}

/// `0` and everything `to` needs.
fn sgr_full(to: Pen) -> String {
    let mut s = String::from("0");
    mods_on(&mut s, to.mods);
    if to.fg != Color::Reset {
        push_colour(&mut s, to.fg, false);
    }
    if to.bg != Color::Reset {
        push_colour(&mut s, to.bg, true);
    }
    if s == "0" {
        // `ESC [ m` is the same as `ESC [ 0 m`.
        s.clear();
        return "0".into();
    }
    s
}

/// Only what changes from `from` to `to`.
fn sgr_incremental(from: Pen, to: Pen) -> String {
    let mut s = String::new();
    let off = from.mods - to.mods;
    let mut readd = Modifier::empty();
    if off.intersects(Modifier::BOLD | Modifier::DIM) {
        // One code turns both off.
        push_code(&mut s, "22");
        readd |= to.mods & (Modifier::BOLD | Modifier::DIM);
    }
    for (bit, code) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if off.intersects(bit) {
            push_code(&mut s, code);
            readd |= to.mods & bit;
        }
    }
    mods_on(&mut s, (to.mods - from.mods) | readd);
    if from.fg != to.fg {
        push_colour(&mut s, to.fg, false);
    }
    if from.bg != to.bg {
        push_colour(&mut s, to.bg, true);
    }
    s
}

impl<W: Write> Backend for TtyBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.follow_size()?;
        for (x, y, cell) in content {
            if x >= self.width || y >= self.height {
                continue;
            }
            let i = self.idx(x, y);
            let laid = cell.symbol().width();
            self.want[i] = cell.clone();
            // ratatui leaves the cells under a wide character out of its diff: they are blank.
            for k in 1..laid.min((self.width - x) as usize) {
                self.want[i + k] = Cell::default();
            }
            self.dirty[y as usize] = true;
        }
        self.sync();
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        match self.cursor {
            Some((x, y)) => Ok(Position::new(x, y)),
            None if self.fixed.is_some() => Ok(Position::new(0, 0)),
            None => {
                let (x, y) = ratatui::crossterm::cursor::position()?;
                Ok(Position::new(x, y))
            }
        }
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.move_to(p.x, p.y);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.follow_size()?;
        // Erasing fills with the current background: erase with the plain one.
        self.set_pen(Pen::PLAIN);
        let blank = Shown::Lead {
            sym: " ".into(),
            pen: Pen::PLAIN,
            width: 1,
        };
        let (w, h) = (self.width as usize, self.height as usize);
        let (cx, cy) = self
            .cursor
            .map_or((0, 0), |(x, y)| (x as usize, y as usize));
        let range = match clear_type {
            ClearType::All => {
                self.pending.extend_from_slice(b"\x1b[2J");
                0..w * h
            }
            ClearType::AfterCursor => {
                self.pending.extend_from_slice(b"\x1b[J");
                (cy * w + cx).min(w * h)..w * h
            }
            ClearType::BeforeCursor => {
                self.pending.extend_from_slice(b"\x1b[1J");
                0..(cy * w + cx + 1).min(w * h)
            }
            ClearType::CurrentLine => {
                self.pending.extend_from_slice(b"\x1b[2K");
                (cy * w).min(w * h)..((cy + 1) * w).min(w * h)
            }
            ClearType::UntilNewLine => {
                self.pending.extend_from_slice(b"\x1b[K");
                (cy * w + cx).min(w * h)..((cy + 1) * w).min(w * h)
            }
        };
        for i in range {
            self.shown[i] = blank.clone();
            self.want[i] = Cell::default();
        }
        if clear_type == ClearType::All {
            // A full clear follows a resize or another program's output: the cursor may have
            // been shown or hidden behind our back.
            self.visible = None;
        }
        if self.cursor.is_none() {
            // Where the erase happened is unknown: trust nothing.
            self.forget();
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => {
                let (w, h) = ratatui::crossterm::terminal::size()?;
                Ok(Size::new(w, h))
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = self.size()?;
        if self.fixed.is_none()
            && let Ok(ws) = ratatui::crossterm::terminal::window_size()
        {
            return Ok(WindowSize {
                columns_rows: size,
                pixels: Size::new(ws.width, ws.height),
            });
        }
        Ok(WindowSize {
            columns_rows: size,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_colours_get_the_short_codes() {
        let p = |fg| Pen {
            fg,
            bg: Color::Reset,
            mods: Modifier::empty(),
        };
        assert_eq!(sgr_incremental(p(Color::Reset), p(Color::Yellow)), "33");
        assert_eq!(sgr_incremental(p(Color::Yellow), p(Color::LightRed)), "91");
        assert_eq!(sgr_incremental(p(Color::Cyan), p(Color::Reset)), "39");
        let bold = Pen {
            mods: Modifier::BOLD | Modifier::DIM,
            ..p(Color::Reset)
        };
        // Turning off dim but keeping bold: 22 turns off both, so bold comes back.
        let just_bold = Pen {
            mods: Modifier::BOLD,
            ..p(Color::Reset)
        };
        assert_eq!(sgr_incremental(bold, just_bold), "22;1");
        assert_eq!(sgr_full(Pen::PLAIN), "0");
    }
}
