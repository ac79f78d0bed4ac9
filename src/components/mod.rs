//! Pieces shared by the pages.

pub mod action;
pub mod badge;
pub mod confirm;
pub mod copy_value;
pub mod denial;
pub mod download;
pub mod file_picker;
pub mod list;
pub mod page_header;
pub mod person_picker;
pub mod preview;
pub mod rule_links;
pub mod sidebar;
pub mod tabs;
pub mod ticked;
pub mod toast;
pub mod undo;
