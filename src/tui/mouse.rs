//! The optional mouse (`--mouse`): what a click or a wheel turn means once the view has said
//! what is under it (`view::hit`). `update` acts on it like on the keys it stands for.

/// A mouse event, placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mouse {
    /// A click on a field (its index), in the pane or the overview.
    Field(usize),
    /// A click on a section's own row in the overview.
    Section(usize),
    /// The wheel over the pane or the overview: down (true) or up, three rows a notch.
    Wheel { down: bool },
}
