//! Words printed into the documents, as the template has them. Always Chinese: the documents
//! are the Chinese form, whatever the interface language.

pub const CHECKED: &str = "☑";
pub const UNCHECKED: &str = "☐";
pub const SPECIFY: &str = "请注明";
pub const BLANK: &str = "（未填写）";
pub const BLANK_DATE: &str = "____ 年 __ 月 __ 日";
pub const SIGNATURE: &str = "签字：________________　　（单位盖章）";
pub const FILE: &str = "文件";
pub const YES: &str = "是";
pub const NO: &str = "否";
pub const ITEM: &str = "项目";
pub const CONTENT: &str = "内容";
pub const ORPHANS: &str = "附：表单中已不存在的字段";
/// The signer of the declaration when the form names none.
pub const LEGAL_REP: &str = "申报单位法定代表人";
/// Where the seal goes, under the signature.
pub const STAMP: &str = "（单位盖章）";
