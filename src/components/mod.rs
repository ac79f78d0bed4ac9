//! Pieces shared by the pages.

pub mod badge;
pub mod confirm;
pub mod denial;
pub mod page_header;
pub mod rule_links;
pub mod sidebar;
pub mod ticked;
pub mod toast;
