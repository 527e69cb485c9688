//! Text as the long-text editor sees it: line breaking by the Chinese rules (`wrap`) and the
//! editing buffer laid out with it (`buffer`). Pure: no terminal, no file system.

pub mod buffer;
pub mod wrap;
