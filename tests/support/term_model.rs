//! A strict model of a terminal screen, for checking what the program sends: it understands the
//! sequences a full-screen program uses (cursor moves, erases, SGR, cursor show/hide, the
//! start-up queries) and, unlike xterm or `vt100`, keeps the orphaned half of a wide character
//! when the other half is overwritten, as urxvt does (drawn as `▯`). East Asian Ambiguous
//! characters can be drawn two cells wide, as an ambiguous-wide terminal does.
#![allow(dead_code)]

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What an orphaned half looks like in `text()`.
pub const ORPHAN: char = '▯';

#[derive(Clone, Debug, PartialEq)]
enum C {
    Char(String, u8),
    Trail,
    Orphan,
}

pub struct Model {
    pub w: usize,
    pub h: usize,
    cells: Vec<C>,
    x: usize,
    y: usize,
    pending_wrap: bool,
    pub wide_ambiguous: bool,
    pub cursor_visible: bool,
    /// Each `ESC [ 6 n` seen.
    pub position_queries: usize,
    /// Bytes of an unfinished sequence or character from the last `feed`.
    carry: Vec<u8>,
}

impl Model {
    pub fn new(w: usize, h: usize, wide_ambiguous: bool) -> Model {
        Model {
            w,
            h,
            cells: vec![C::Char(" ".into(), 1); w * h],
            x: 0,
            y: 0,
            pending_wrap: false,
            wide_ambiguous,
            cursor_visible: true,
            position_queries: 0,
            carry: Vec::new(),
        }
    }

    /// The terminal was resized: keep what fits, as xterm does.
    pub fn resize(&mut self, w: usize, h: usize) {
        let mut cells = vec![C::Char(" ".into(), 1); w * h];
        for y in 0..h.min(self.h) {
            for x in 0..w.min(self.w) {
                cells[y * w + x] = self.cells[y * self.w + x].clone();
            }
            // A wide character cut at the new edge leaves its left half alone.
            if w < self.w
                && let C::Char(_, 2) = cells[y * w + w - 1]
            {
                cells[y * w + w - 1] = C::Orphan;
            }
        }
        self.w = w;
        self.h = h;
        self.cells = cells;
        self.x = self.x.min(w - 1);
        self.y = self.y.min(h - 1);
    }

    pub fn cursor(&self) -> (usize, usize) {
        (self.x, self.y)
    }

    fn width(&self, g: &str) -> usize {
        let w = if self.wide_ambiguous {
            g.width_cjk()
        } else {
            g.width()
        };
        w.clamp(1, 2)
    }

    /// Wipes one cell: the other half of a wide character there becomes an orphan.
    fn break_at(&mut self, x: usize, y: usize) {
        let i = y * self.w + x;
        match self.cells[i] {
            C::Char(_, 2) if x + 1 < self.w => self.cells[i + 1] = C::Orphan,
            C::Trail if x > 0 => self.cells[i - 1] = C::Orphan,
            _ => {}
        }
    }

    fn put(&mut self, g: &str) {
        let gw = self.width(g);
        if self.pending_wrap || self.x + gw > self.w {
            self.x = 0;
            self.pending_wrap = false;
            if self.y + 1 < self.h {
                self.y += 1;
            } else {
                self.cells.drain(..self.w);
                self.cells
                    .extend(std::iter::repeat_n(C::Char(" ".into(), 1), self.w));
            }
        }
        for k in 0..gw {
            self.break_at(self.x + k, self.y);
        }
        let i = self.y * self.w + self.x;
        self.cells[i] = C::Char(g.to_string(), gw as u8);
        if gw == 2 {
            self.cells[i + 1] = C::Trail;
        }
        if self.x + gw >= self.w {
            self.x = self.w - 1;
            self.pending_wrap = true;
        } else {
            self.x += gw;
        }
    }

    fn erase(&mut self, from: usize, to: usize) {
        let to = to.min(self.w * self.h);
        if from >= to {
            return;
        }
        // Erasing part of a wide character leaves its other half.
        let (fx, fy) = (from % self.w, from / self.w);
        self.break_at(fx, fy);
        let (lx, ly) = ((to - 1) % self.w, (to - 1) / self.w);
        self.break_at(lx, ly);
        for c in &mut self.cells[from..to] {
            *c = C::Char(" ".into(), 1);
        }
    }

    fn csi(&mut self, params: &str, fin: char) {
        let nums: Vec<usize> = params
            .trim_start_matches('?')
            .split(';')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        let n = |i: usize, d: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(d);
        self.pending_wrap = false;
        match fin {
            'H' | 'f' => {
                self.y = (n(0, 1) - 1).min(self.h - 1);
                self.x = (n(1, 1) - 1).min(self.w - 1);
            }
            'G' => self.x = (n(0, 1) - 1).min(self.w - 1),
            'C' => self.x = (self.x + n(0, 1)).min(self.w - 1),
            'D' => self.x = self.x.saturating_sub(n(0, 1)),
            'B' => self.y = (self.y + n(0, 1)).min(self.h - 1),
            'A' => self.y = self.y.saturating_sub(n(0, 1)),
            'J' => {
                let here = self.y * self.w + self.x;
                match nums.first().copied().unwrap_or(0) {
                    0 => self.erase(here, self.w * self.h),
                    1 => self.erase(0, here + 1),
                    _ => self.erase(0, self.w * self.h),
                }
            }
            'K' => {
                let row = self.y * self.w;
                match nums.first().copied().unwrap_or(0) {
                    0 => self.erase(row + self.x, row + self.w),
                    1 => self.erase(row, row + self.x + 1),
                    _ => self.erase(row, row + self.w),
                }
            }
            'h' if params == "?25" => self.cursor_visible = true,
            'l' if params == "?25" => self.cursor_visible = false,
            'n' if params == "6" => self.position_queries += 1,
            _ => {}
        }
    }

    /// Feeds bytes the program wrote.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if b == 0x1b {
                let Some(&next) = data.get(i + 1) else {
                    self.carry = data[i..].to_vec();
                    return;
                };
                match next {
                    b'[' => {
                        let body = &data[i + 2..];
                        let Some(end) = body.iter().position(|b| (0x40..=0x7e).contains(b)) else {
                            self.carry = data[i..].to_vec();
                            return;
                        };
                        let params = String::from_utf8_lossy(&body[..end]).into_owned();
                        self.csi(&params, body[end] as char);
                        i += 2 + end + 1;
                    }
                    b']' | b'P' | b'_' => {
                        // OSC / DCS / APC: up to BEL or ST.
                        let body = &data[i + 2..];
                        let mut k = 0;
                        let mut done = None;
                        while k < body.len() {
                            if body[k] == 0x07 {
                                done = Some(k + 1);
                                break;
                            }
                            if body[k] == 0x1b && body.get(k + 1) == Some(&b'\\') {
                                done = Some(k + 2);
                                break;
                            }
                            k += 1;
                        }
                        let Some(d) = done else {
                            self.carry = data[i..].to_vec();
                            return;
                        };
                        i += 2 + d;
                    }
                    b'7' | b'8' | b'=' | b'>' | b'c' => i += 2,
                    b'(' | b')' => i += 3,
                    _ => i += 2,
                }
                continue;
            }
            match b {
                b'\r' => {
                    self.x = 0;
                    self.pending_wrap = false;
                    i += 1;
                }
                b'\n' => {
                    if self.y + 1 < self.h {
                        self.y += 1;
                    }
                    self.pending_wrap = false;
                    i += 1;
                }
                0x08 => {
                    self.x = self.x.saturating_sub(1);
                    i += 1;
                }
                0..=0x1f | 0x7f => i += 1,
                _ => {
                    // One grapheme (its combining marks ride along).
                    let rest = &data[i..];
                    let valid = match std::str::from_utf8(rest) {
                        Ok(s) => s,
                        Err(e) if e.valid_up_to() > 0 => {
                            std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap()
                        }
                        Err(e) if e.error_len().is_none() => {
                            self.carry = rest.to_vec();
                            return;
                        }
                        Err(_) => {
                            i += 1;
                            continue;
                        }
                    };
                    let end = valid.find('\x1b').unwrap_or(valid.len());
                    let text = &valid[..end];
                    let mut used = 0;
                    for g in text.graphemes(true) {
                        if g.chars().any(|c| c.is_control()) {
                            break;
                        }
                        self.put(g);
                        used += g.len();
                    }
                    i += used.max(1);
                }
            }
        }
    }

    /// The screen as text, one line per row, trailing spaces kept; orphaned halves as `▯`.
    pub fn rows(&self) -> Vec<String> {
        (0..self.h)
            .map(|y| {
                let mut s = String::new();
                for x in 0..self.w {
                    match &self.cells[y * self.w + x] {
                        C::Char(g, _) => s.push_str(g),
                        C::Trail => {}
                        C::Orphan => s.push(ORPHAN),
                    }
                }
                s
            })
            .collect()
    }

    pub fn text(&self) -> String {
        self.rows().join("\n")
    }

    pub fn orphans(&self) -> usize {
        self.cells.iter().filter(|c| **c == C::Orphan).count()
    }
}
