//! Words export prints in documents (the template's own, so Chinese in every interface
//! language).

/// Fixed words of the printed 附件1.
pub(crate) mod doc {
    /// The signer of the declaration when the form names none.
    pub const LEGAL_REP: &str = "申报单位法定代表人";
    /// Where the seal goes, under the signature.
    pub const STAMP: &str = "（单位盖章）";
}
