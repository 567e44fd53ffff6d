//! A chart's data as a table, for readers who cannot see the chart: what the page built ahead
//! of time shows under each chart, and the browser's data panel.

use crate::text::escape;

/// A chart's data as a table: caption, column headers, rows of cells (already formatted).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table as escaped HTML, for the pages built ahead of time.
    pub fn to_html(&self) -> String {
        let mut h = format!("<table>\n<caption>{}</caption>\n<thead><tr>", escape(&self.caption));
        for c in &self.headers {
            h.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for r in &self.rows {
            h.push_str("<tr>");
            for (i, c) in r.iter().enumerate() {
                if i == 0 {
                    h.push_str(&format!("<th scope=\"row\">{}</th>", escape(c)));
                } else {
                    h.push_str(&format!("<td>{}</td>", escape(c)));
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>");
        h
    }
}
